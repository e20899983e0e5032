<?xml version="1.0" encoding="UTF-8"?>
<!--
  jtai-2016/notification.xsl: Annex B, "Email to notify the local agency
  senior leaders of the start of the inspection" (Joint targeted area
  inspections, August 2016, No. 150149), one email for each agency that
  the inspectorates notify on day 0 (paragraph 13): the DCS first, then
  the CCG chief executive and the executive lead for safeguarding
  children (CQC), the chief constable and the force liaison officer
  (HMIC), the manager of the youth offending service, the director of the
  NPS and the head of its local delivery unit, the chief executive of the
  CRC (HMI Probation). The DCS notifies the chair of the LSCB (paragraph
  14), so the LSCB receives no email of its own. The first leader named
  for an agency is addressed, the second copied; the local authority's
  chief executive is copied on the DCS's email.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="../common/notification.xsl"/>

  <xsl:variable name="markdown" select="'notification.md'"/>
  <xsl:variable name="subject-prefix"
      select="'Joint targeted area inspection of services for children in '"/>
  <xsl:variable name="notified-types"
      select="' local-authority health police youth-offending probation '"/>
  <xsl:variable name="first-type" select="'local-authority'"/>
  <xsl:variable name="to-roles"
      select="' dcs ccg-chief-executive chief-constable yos-manager nps-director crc-chief-executive '"/>
  <xsl:variable name="cc-roles"
      select="' chief-executive safeguarding-lead force-liaison nps-ldu-head '"/>
  <xsl:variable name="send-time" select="'09:30'"/>
</xsl:stylesheet>
