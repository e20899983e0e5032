<?xml version="1.0" encoding="UTF-8"?>
<!--
  slac-2009/coverage.xsl: the coverage of the evidence (a QA working paper, not
  published) against the rows of the graded report (rules.xml), which records name by aspect=.
  Everything else is in ../common/coverage.xsl.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="../common/coverage.xsl"/>
  <xsl:variable name="coverage-of" select="'aspect'"/>
</xsl:stylesheet>
