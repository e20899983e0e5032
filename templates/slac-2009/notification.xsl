<?xml version="1.0" encoding="UTF-8"?>
<!--
  slac-2009/notification.xsl: "Notification of the inspection and
  accompanying documentation sent by email to Director of Children's
  Services, including arrangements for children's surveys, social worker
  and community and voluntary sector questionnaires" (Inspections of
  safeguarding and looked after children services, May 2009, No. 090027,
  Table 1, day 1). The framework has no annex for it: the wording
  (notification.md) follows the later Annex B and the timetable of Table
  1, whose days 2 to 10 are dated here. No telephone call comes first,
  so spoke-with is not used. The chief executive is copied.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:fd="urn:findings:xslt" exclude-result-prefixes="fd">
  <xsl:import href="../common/notification.xsl"/>

  <xsl:variable name="markdown" select="'notification.md'"/>
  <xsl:variable name="subject-prefix"
      select="'Inspection of safeguarding and looked after children services in '"/>
  <xsl:variable name="notified-types" select="' local-authority '"/>
  <xsl:variable name="first-type" select="'local-authority'"/>
  <xsl:variable name="to-roles" select="' dcs '"/>
  <xsl:variable name="cc-roles" select="' chief-executive '"/>
  <xsl:variable name="send-time" select="'09:30'"/>
  <xsl:variable name="needs-theme" select="'no'"/>

  <!-- Day N of Table 1, counted from day 1, the notification. -->
  <xsl:template name="day">
    <xsl:param name="name"/>
    <xsl:param name="day"/>
    <placeholder name="{$name}">
      <xsl:value-of select="fd:date(fd:add-working-days(string(/inspection/calendar/@notified), $day - 1))"/>
    </placeholder>
  </xsl:template>

  <xsl:template name="extra-placeholders">
    <xsl:call-template name="day">
      <xsl:with-param name="name" select="'telephone-date'"/>
      <xsl:with-param name="day" select="2"/>
    </xsl:call-template>
    <xsl:call-template name="day">
      <xsl:with-param name="name" select="'survey-date'"/>
      <xsl:with-param name="day" select="3"/>
    </xsl:call-template>
    <xsl:call-template name="day">
      <xsl:with-param name="name" select="'cases-date'"/>
      <xsl:with-param name="day" select="4"/>
    </xsl:call-template>
    <xsl:call-template name="day">
      <xsl:with-param name="name" select="'setup-date'"/>
      <xsl:with-param name="day" select="5"/>
    </xsl:call-template>
    <xsl:call-template name="day">
      <xsl:with-param name="name" select="'audit-date'"/>
      <xsl:with-param name="day" select="10"/>
    </xsl:call-template>
  </xsl:template>
</xsl:stylesheet>
