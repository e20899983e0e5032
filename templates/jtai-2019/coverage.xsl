<?xml version="1.0" encoding="UTF-8"?>
<!--
  jtai-2019/coverage.xsl: the coverage of the evidence (a QA working paper, not
  published) against the evaluation criteria of the front door (criteria.xml) and the deep dive.
  Everything else is in ../common/coverage.xsl.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="../common/coverage.xsl"/>
  <xsl:variable name="coverage-of" select="'esn'"/>
  <xsl:variable name="criteria" select="document('criteria.xml')/criteria/criterion"/>
</xsl:stylesheet>
