<?xml version="1.0" encoding="UTF-8"?>
<!--
  jtai-2016/concern.xsl: Annex C, "Referring concerns to the local
  agencies" (paragraph 74: a senior officer of the agency responds in
  writing; the lead inspector and the senior officer sign the form). The
  agency is named before its service. The layout is in
  common/concern.xsl.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="../common/concern.xsl"/>

  <xsl:variable name="annex-title" select="'Annex C. Referring concerns to the local agencies'"/>
  <xsl:variable name="inspection-name" select="'Joint targeted area inspection'"/>
  <xsl:variable name="service-label" select="'Service:'"/>
  <xsl:variable name="service-agency" select="'yes'"/>
  <xsl:variable name="evaluation-label"
      select="'Inspector’s evaluation of the information provided by the agency'"/>
  <xsl:variable name="officer-label" select="'Chief officer:'"/>
</xsl:stylesheet>
