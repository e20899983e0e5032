<?xml version="1.0" encoding="UTF-8"?>
<!--
  The jtai-2019 response to the statement of proposed action
  (findings render, document soa-response). Everything is in
  ../common/soa-response.xsl; the words are in after-data.xml and the
  soa-response*.md templates beside this file.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="letter.xsl"/>
  <xsl:import href="../common/soa-response.xsl"/>
  <xsl:param name="variant" select="'joint'"/>
  <xsl:variable name="data"
      select="document('letter-data.xml')/letters/letter[@variant = $variant]"/>
  <xsl:variable name="inspectorates"
      select="document('inspectorates.xml')/inspectorates"/>
</xsl:stylesheet>
