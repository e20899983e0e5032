<?xml version="1.0" encoding="UTF-8"?>
<!--
  jtai-2015/trace.xsl: the evidence trace (a QA working paper, not published).
  Everything is in ../common/trace.xsl; this file gives the framework's
  words for the areas for improvement.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="../common/trace.xsl"/>
  <xsl:variable name="improvements-term" select="'Areas for development'"/>
</xsl:stylesheet>
