<?xml version="1.0" encoding="UTF-8"?>
<!--
  The joint overview of a round of jtai-2015 inspections (findings overview).
  Everything is in ../common/overview.xsl; the words are in
  overview-data.xml and the overview-*.md templates beside this file.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="../common/overview.xsl"/>
</xsl:stylesheet>
