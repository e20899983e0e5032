<?xml version="1.0" encoding="UTF-8"?>
<!--
  jtai-2015/coverage.xsl: the coverage of the evidence (a QA working paper, not
  published) against the agencies and inspectors only: the 2015 proposals have no evaluation schedule numbers.
  Everything else is in ../common/coverage.xsl.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="../common/coverage.xsl"/>
  <xsl:variable name="coverage-of" select="'agency'"/>
</xsl:stylesheet>
