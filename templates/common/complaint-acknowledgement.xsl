<?xml version="1.0" encoding="UTF-8"?>
<!--
  complaint-acknowledgement.xsl: the letter that acknowledges a complaint
  about the inspection (findings render, document complaint-acknowledgement,
  option id), to the complainant, from the inspectorate that deals with
  it, with the day the complaint was received and, where the framework's
  procedure dates one, the day of the final response; then the
  procedure's milestones with their dates.

  A framework's complaint-acknowledgement.xsl imports this file and sets
  $inspectorates (the inspectorates' names). The procedure is data,
  templates/<framework>/complaints.xml; the words are the framework's
  after-data.xml and its complaint-*.md templates; the dates are facts
  (src/after.h: complaint-received-date, complaint-letter-date,
  complaint-response-date, complaint-limit-date).

  Addressed to the complaining agency's first leader (in the input's
  order), or the agency by name when it lists none; signed by the first
  signatory of the inspectorate that deals with the complaint (the
  complaint's inspectorate=, else the procedure's lead).
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:fd="urn:findings:xslt"
    exclude-result-prefixes="fd">

  <xsl:import href="common.xsl"/>

  <xsl:output method="xml" encoding="UTF-8" indent="no"/>

  <xsl:param name="id" select="''"/>
  <xsl:param name="area"/>
  <xsl:param name="complaint-received-date-iso"/>
  <xsl:param name="complaint-letter-date"/>
  <xsl:param name="complaint-limit-date-iso"/>

  <!-- Set by the framework's stylesheet. -->
  <xsl:variable name="inspectorates" select="/.."/>

  <xsl:variable name="fw" select="/inspection/@framework"/>
  <xsl:variable name="after"
      select="document(concat('../', $fw, '/after-data.xml'))/after/complaint"/>
  <xsl:variable name="procedures"
      select="document(concat('../', $fw, '/complaints.xml'))/complaints"/>
  <xsl:variable name="c" select="/inspection/complaints/complaint[@id = $id]"/>
  <xsl:variable name="proc"
      select="$procedures/procedure[contains(concat(' ', normalize-space(@about), ' '), concat(' ', $c/@about, ' '))][1]"/>
  <xsl:variable name="handler">
    <xsl:choose>
      <xsl:when test="$c/@inspectorate"><xsl:value-of select="$c/@inspectorate"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="$procedures/@lead"/></xsl:otherwise>
    </xsl:choose>
  </xsl:variable>

  <xsl:template match="/">
    <xsl:if test="$id = ''">
      <xsl:message terminate="yes">which complaint? give the id of a &lt;complaint&gt; (the option --id)</xsl:message>
    </xsl:if>
    <xsl:if test="not($c)">
      <xsl:message terminate="yes">
        <xsl:value-of select="concat('the inspection has no complaint ', $apos, $id, $apos)"/>
      </xsl:message>
    </xsl:if>
    <xsl:if test="not($proc) or not($after)">
      <xsl:message terminate="yes">
        <xsl:value-of select="concat($fw, ' has no complaints procedure for a complaint about ', $c/@about)"/>
      </xsl:message>
    </xsl:if>
    <xsl:apply-templates select="inspection"/>
  </xsl:template>

  <xsl:variable name="apos">'</xsl:variable>

  <xsl:template match="inspection">
    <xsl:variable name="from" select="agencies/agency[@id = $c/@from]"/>
    <xsl:variable name="title">
      <xsl:apply-templates select="$after/title" mode="fill"/>
    </xsl:variable>
    <xsl:variable name="signer" select="signatories/signatory[@inspectorate = $handler][1]"/>
    <xsl:variable name="late"
        select="$complaint-limit-date-iso != '' and
                translate($complaint-received-date-iso, '-', '') &gt; translate($complaint-limit-date-iso, '-', '')"/>
    <document>
      <meta>
        <title><xsl:value-of select="normalize-space($title)"/></title>
        <subject><xsl:value-of select="$after/@subject"/></subject>
        <author><xsl:value-of select="$inspectorates/inspectorate[@id = $handler]/@name"/></author>
        <lang><xsl:value-of select="@lang"/></lang>
        <keywords><xsl:value-of select="$after/@keywords"/></keywords>
      </meta>
      <body>
        <!-- The inspectorate that handles the complaint writes. -->
        <xsl:call-template name="letterhead">
          <xsl:with-param name="ids" select="$inspectorates/inspectorate[@id = $handler]"/>
        </xsl:call-template>
        <p number="no"><xsl:value-of select="$complaint-letter-date"/></p>
        <address>
          <line>
            <xsl:for-each select="$from/leader[1]">
              <xsl:value-of select="concat(normalize-space(@name), ', ', normalize-space(@title), ', ')"/>
            </xsl:for-each>
            <xsl:value-of select="normalize-space($from/@name)"/>
          </line>
        </address>
        <p number="no">
          <xsl:choose>
            <xsl:when test="$from/leader">
              <xsl:value-of select="concat($after/@dear, ' ', normalize-space($from/leader[1]/@name))"/>
            </xsl:when>
            <xsl:otherwise><xsl:value-of select="$after/@dear-colleagues"/></xsl:otherwise>
          </xsl:choose>
        </p>
        <h1><xsl:value-of select="normalize-space($title)"/></h1>
        <xsl:variable name="text" select="$after/text[contains(concat(' ', normalize-space(@about), ' '), concat(' ', $c/@about, ' '))][1]"/>
        <markdown src="{$text/@src}"/>
        <xsl:if test="$text/@investigates">
          <p>
            <xsl:value-of select="concat($inspectorates/inspectorate[@id = $handler]/@name, ' ', $text/@investigates)"/>
          </p>
        </xsl:if>
        <xsl:if test="$late and $after/@late">
          <markdown src="{$after/@late}"/>
        </xsl:if>
        <xsl:if test="$proc/milestone[@days &gt; 0]">
          <h2><xsl:value-of select="$after/@next-heading"/></h2>
          <table caption="{$after/@next-caption}">
            <col width="22%"/><col width="22%"/><col/>
            <thead>
              <tr>
                <th><xsl:value-of select="$after/@within-heading"/></th>
                <th><xsl:value-of select="$after/@date-heading"/></th>
                <th><xsl:value-of select="$after/@what-heading"/></th>
              </tr>
            </thead>
            <tbody>
              <xsl:for-each select="$proc/milestone[@days &gt; 0]">
                <tr>
                  <td><xsl:value-of select="concat(@days, ' ', $after/@days-unit)"/></td>
                  <td><xsl:value-of select="fd:date(fd:add-working-days($complaint-received-date-iso, number(@days)))"/></td>
                  <td><xsl:value-of select="normalize-space(.)"/></td>
                </tr>
              </xsl:for-each>
            </tbody>
          </table>
        </xsl:if>
        <p number="no" keep-with-next="yes"><xsl:value-of select="$after/@closing"/></p>
        <signatures>
          <signatory>
            <xsl:choose>
              <xsl:when test="$signer">
                <name><xsl:value-of select="normalize-space($signer/@name)"/></name>
                <title><xsl:value-of select="normalize-space($signer/@title)"/></title>
              </xsl:when>
              <xsl:otherwise>
                <name><xsl:value-of select="$after/@team"/></name>
              </xsl:otherwise>
            </xsl:choose>
            <organisation><xsl:value-of select="$inspectorates/inspectorate[@id = $handler]/@name"/></organisation>
          </signatory>
        </signatures>
      </body>
    </document>
  </xsl:template>

  <!-- Title text: <area/> is the fact. -->
  <xsl:template match="text()" mode="fill">
    <xsl:value-of select="."/>
  </xsl:template>
  <xsl:template match="area" mode="fill">
    <xsl:value-of select="$area"/>
  </xsl:template>
  <xsl:template match="*" mode="fill">
    <xsl:apply-templates mode="fill"/>
  </xsl:template>

</xsl:stylesheet>
