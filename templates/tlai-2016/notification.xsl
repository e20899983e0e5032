<?xml version="1.0" encoding="UTF-8"?>
<!--
  tlai-2016/notification.xsl: Annex B, "Email to notify the local
  authority of the start of the inspection" (Ofsted targeted local
  authority inspections, January 2016, No. 160007). The lead inspector
  telephones the DCS by 9.30am on day 0 and confirms in writing
  immediately after (paragraphs 12 and 13); the wording is in
  notification.md. The chief executive, to whom the letter is usually
  also addressed, is copied.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="../common/notification.xsl"/>

  <xsl:variable name="markdown" select="'notification.md'"/>
  <xsl:variable name="subject-prefix"
      select="'Ofsted Targeted Local Authority Inspection of services for children in '"/>
  <xsl:variable name="notified-types" select="' local-authority '"/>
  <xsl:variable name="first-type" select="'local-authority'"/>
  <xsl:variable name="to-roles" select="' dcs '"/>
  <xsl:variable name="cc-roles" select="' chief-executive '"/>
  <xsl:variable name="send-time" select="'09:30'"/>
</xsl:stylesheet>
