<?xml version="1.0" encoding="UTF-8"?>
<!--
  letter.xsl: the letter of findings of an Ofsted targeted local authority
  inspection (2016). Everything is in ../common/letter.xsl; this file
  chooses the framework's data and the inspectorates' names.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="../common/letter.xsl"/>
  <xsl:param name="variant" select="'joint'"/>
  <xsl:variable name="data"
      select="document('letter-data.xml')/letters/letter[@variant = $variant]"/>
  <xsl:variable name="inspectorates"
      select="document('../common/inspectorates.xml')/inspectorates"/>
</xsl:stylesheet>
