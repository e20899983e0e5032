<?xml version="1.0" encoding="UTF-8"?>
<!--
  jtai-2019/notification.xsl: the written confirmation of notification.
  The July 2019 framework deleted the notification email annex (August
  2018), but "immediately after speaking to the DCS, the lead inspector
  will confirm the start of the inspection and the request for information
  in writing" (Section 2, Notification): this is that confirmation, to the
  DCS only (the other inspectorates notify their own agencies by
  telephone), copied to the chief executive. The DCS is asked to notify
  the person responsible for independent scrutiny of the local
  safeguarding arrangements. The wording is in notification.md.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="../common/notification.xsl"/>

  <xsl:variable name="markdown" select="'notification.md'"/>
  <xsl:variable name="subject-prefix"
      select="'Joint targeted area inspection of services for children in '"/>
  <xsl:variable name="subject-suffix" select="': confirmation of notification'"/>
  <xsl:variable name="notified-types" select="' local-authority '"/>
  <xsl:variable name="first-type" select="'local-authority'"/>
  <xsl:variable name="to-roles" select="' dcs '"/>
  <xsl:variable name="cc-roles" select="' chief-executive '"/>
  <xsl:variable name="send-time" select="'09:30'"/>

  <xsl:template name="extra-placeholders">
    <xsl:variable name="s"
        select="/inspection/agencies/agency/leader[@role = 'independent-scrutineer'][1]"/>
    <!-- "Please notify Professor Ruth Kingsley", or "them" when the
         input does not name the person. -->
    <placeholder name="scrutineer">
      <xsl:value-of select="$s/@name"/>
      <xsl:if test="not($s)">them</xsl:if>
    </placeholder>
  </xsl:template>
</xsl:stylesheet>
