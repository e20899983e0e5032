<?xml version="1.0" encoding="UTF-8"?>
<!--
  jtai-2015/notification.xsl: the notification email of the 2015
  proposals for joint targeted area inspections, which have no annex of
  their own: the wording (notification.md, notification-ofsted-only.md)
  follows the 2016 Annex B and says what the proposals say: eight working
  days' notice, fieldwork Monday to Friday, a joint set-up meeting on the
  first day and a single joint feedback meeting on the last.

  Joint variant (proposal two): the chair of the LSCB is notified first
  (in their absence the LSCB business manager, who is then copied), then
  each agency's senior leader by the inspectorate concerned.
  Ofsted-only variant (part 2): the local authority and the LSCB, the
  DCS first.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="../common/notification.xsl"/>

  <xsl:variable name="ofsted-only" select="/inspection/@variant = 'ofsted-only'"/>

  <xsl:variable name="markdown">
    <xsl:choose>
      <xsl:when test="$ofsted-only">notification-ofsted-only.md</xsl:when>
      <xsl:otherwise>notification.md</xsl:otherwise>
    </xsl:choose>
  </xsl:variable>
  <xsl:variable name="subject-prefix">
    <xsl:choose>
      <xsl:when test="$ofsted-only">Ofsted targeted inspection of services for children in </xsl:when>
      <xsl:otherwise>Joint targeted area inspection of services for children in </xsl:otherwise>
    </xsl:choose>
  </xsl:variable>
  <xsl:variable name="notified-types">
    <xsl:choose>
      <xsl:when test="$ofsted-only"> local-authority safeguarding-board </xsl:when>
      <xsl:otherwise> safeguarding-board local-authority health police youth-offending probation </xsl:otherwise>
    </xsl:choose>
  </xsl:variable>
  <xsl:variable name="first-type">
    <xsl:choose>
      <xsl:when test="$ofsted-only">local-authority</xsl:when>
      <xsl:otherwise>safeguarding-board</xsl:otherwise>
    </xsl:choose>
  </xsl:variable>
  <xsl:variable name="to-roles"
      select="' lscb-chair dcs ccg-chief-executive chief-constable yos-manager nps-director crc-chief-executive '"/>
  <xsl:variable name="cc-roles"
      select="' lscb-business-manager chief-executive safeguarding-lead force-liaison nps-ldu-head '"/>
  <xsl:variable name="send-time" select="'09:30'"/>
</xsl:stylesheet>
