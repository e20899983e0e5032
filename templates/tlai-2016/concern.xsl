<?xml version="1.0" encoding="UTF-8"?>
<!--
  tlai-2016/concern.xsl: Annex C, "Referring concerns to the local
  authority" (paragraph 74: the local authority responds in writing, the
  inspector who raised the concern and the lead inspector evaluate the
  response, and the DCS and the lead inspector sign the form). The layout
  is in common/concern.xsl.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="../common/concern.xsl"/>

  <xsl:variable name="annex-title" select="'Annex C. Referring concerns to the local authority'"/>
  <xsl:variable name="inspection-name" select="'Ofsted targeted local authority inspection'"/>
  <xsl:variable name="service-label" select="'Local authority team:'"/>
  <xsl:variable name="evaluation-label"
      select="'Inspector’s evaluation of the information provided by the local authority'"/>
  <xsl:variable name="officer-label" select="'DCS:'"/>
</xsl:stylesheet>
