<?xml version="1.0" encoding="UTF-8"?>
<!--
  paper.xsl: what the QA working papers share (trace.xsl, coverage.xsl,
  fa-response.xsl): the page (OFFICIAL-SENSITIVE on every page, the
  inspection's reference in the footer, never a watermark: the papers are
  not published and look the same at every stage), the front table of
  facts, names of people, agencies, practice and grades, and the table of
  evidence records.

  Working papers may show case references: they never leave the team and
  the QA manager, and render checks only published documents for them.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:fd="urn:findings:xslt"
    exclude-result-prefixes="fd">

  <xsl:import href="common.xsl"/>

  <xsl:output method="xml" encoding="UTF-8" indent="no"/>

  <!-- Facts (src/facts.h). -->
  <xsl:param name="stage" select="'draft'"/>
  <xsl:param name="ref"/>
  <xsl:param name="area"/>
  <xsl:param name="theme"/>

  <xsl:variable name="root" select="/inspection"/>
  <xsl:variable name="records" select="/inspection/evidence/record"/>
  <xsl:variable name="findings"
      select="/inspection/findings/*[self::strength or self::improvement or
                                     self::priority-action or self::case-study]"/>
  <xsl:variable name="paper-inspectorates"
      select="document('inspectorates.xml')/inspectorates/inspectorate"/>

  <!-- The framework's name (its variant's), from its timeline. -->
  <xsl:variable name="paper-timeline"
      select="document(concat('../', /inspection/@framework, '/timeline.xml'))/timeline"/>
  <xsl:variable name="inspection-name"
      select="($paper-timeline | $paper-timeline/variant[@name = $root/@variant])[last()]/@title"/>

  <xsl:variable name="warn" select="'&#9888;'"/>
  <xsl:variable name="upper" select="'ABCDEFGHIJKLMNOPQRSTUVWXYZ'"/>
  <xsl:variable name="lower" select="'abcdefghijklmnopqrstuvwxyz'"/>

  <!--
    The whole paper: meta, page, and a body that opens with the title and
    the table of facts. $facts holds <tr> rows to add to the inspection's
    own; $body the rest.
  -->
  <xsl:template name="paper">
    <xsl:param name="title"/>
    <xsl:param name="subject"/>
    <xsl:param name="facts"/>
    <xsl:param name="body"/>
    <document>
      <meta>
        <title><xsl:value-of select="concat($title, ': ', normalize-space($root/area))"/></title>
        <subject><xsl:value-of select="$subject"/></subject>
        <author>Ofsted</author>
        <lang>
          <xsl:value-of select="$root/@lang"/>
          <xsl:if test="not($root/@lang)">en-GB</xsl:if>
        </lang>
        <stage><xsl:value-of select="$stage"/></stage>
        <keywords>
          <xsl:value-of select="concat($subject, '; working paper; ', $root/@ref)"/>
        </keywords>
      </meta>
      <page marking="OFFICIAL-SENSITIVE" footer="{$root/@ref}"/>
      <body>
        <h1><xsl:value-of select="concat($title, ': ', normalize-space($root/area))"/></h1>
        <table borders="no">
          <col width="32%"/><col/>
          <tr>
            <th>Inspection</th>
            <td>
              <xsl:value-of select="concat($inspection-name, ' of ',
                  normalize-space($root/area), ' (', $root/@ref, ')')"/>
            </td>
          </tr>
          <xsl:copy-of select="$facts"/>
        </table>
        <xsl:copy-of select="$body"/>
      </body>
    </document>
  </xsl:template>

  <!-- One row of the table of facts. -->
  <xsl:template name="fact">
    <xsl:param name="label"/>
    <xsl:param name="value"/>
    <tr>
      <th><xsl:value-of select="$label"/></th>
      <td><xsl:copy-of select="$value"/></td>
    </tr>
  </xsl:template>

  <!-- "7 March 2016" from an ISO date. -->
  <xsl:template name="date">
    <xsl:param name="iso"/>
    <xsl:if test="string($iso) != ''">
      <xsl:value-of select="fd:date(string($iso))"/>
    </xsl:if>
  </xsl:template>

  <xsl:template name="member-name">
    <xsl:param name="id"/>
    <xsl:value-of select="normalize-space($root/team/member[@id = $id]/@name)"/>
  </xsl:template>

  <!-- "Hilary Farrow (lead inspector, Ofsted)" -->
  <xsl:template name="member-full">
    <xsl:param name="id"/>
    <xsl:variable name="m" select="$root/team/member[@id = $id]"/>
    <xsl:value-of select="normalize-space($m/@name)"/>
    <xsl:text> (</xsl:text>
    <xsl:choose>
      <xsl:when test="$m/@role = 'lead-inspector'">lead inspector</xsl:when>
      <xsl:when test="$m/@role = 'qa-manager'">QA manager</xsl:when>
      <xsl:otherwise><xsl:value-of select="$m/@role"/></xsl:otherwise>
    </xsl:choose>
    <xsl:value-of select="concat(', ', $paper-inspectorates[@id = $m/@inspectorate]/@short, ')')"/>
  </xsl:template>

  <xsl:template name="agency-name">
    <xsl:param name="id"/>
    <xsl:value-of select="normalize-space($root/agencies/agency[@id = $id]/@name)"/>
  </xsl:template>

  <!-- The agencies of a space-separated list of ids, joined. -->
  <xsl:template name="agency-names">
    <xsl:param name="ids"/>
    <xsl:variable name="list" select="concat(' ', normalize-space($ids), ' ')"/>
    <xsl:call-template name="join">
      <xsl:with-param name="items"
          select="$root/agencies/agency[contains($list, concat(' ', @id, ' '))]/@name"/>
    </xsl:call-template>
  </xsl:template>

  <!-- "Return home interviews" from return-home-interviews. -->
  <xsl:template name="criterion-words">
    <xsl:param name="c"/>
    <xsl:value-of select="concat(translate(substring($c, 1, 1), $lower, $upper),
                                 translate(substring($c, 2), '-', ' '))"/>
  </xsl:template>

  <!-- The records of a space-separated list of ids, in the order of the
       evidence. -->
  <xsl:template name="ids-joined">
    <xsl:param name="nodes"/>
    <xsl:for-each select="$nodes">
      <xsl:if test="position() &gt; 1">, </xsl:if>
      <xsl:value-of select="@id"/>
    </xsl:for-each>
  </xsl:template>

  <!--
    The table of evidence records: one row each, never split; the record
    (id, ESN, date), the evidence (what the record bears on, the
    inspector's summary, its source and case references), who recorded it
    about which agency, and the practice it found.
  -->
  <xsl:template name="record-table">
    <xsl:param name="nodes"/>
    <xsl:param name="show-aspect" select="true()"/>
    <table>
      <col width="18%"/><col/><col width="21%"/><col width="17%"/>
      <thead>
        <tr><th>Record</th><th>Evidence</th><th>By, about</th><th>Practice</th></tr>
      </thead>
      <tbody>
        <xsl:apply-templates select="$nodes" mode="record-row">
          <xsl:with-param name="show-aspect" select="$show-aspect"/>
        </xsl:apply-templates>
      </tbody>
    </table>
  </xsl:template>

  <xsl:template match="record" mode="record-row">
    <xsl:param name="show-aspect" select="true()"/>
    <tr>
      <td>
        <p number="no"><b><xsl:value-of select="@id"/></b></p>
        <p number="no">
          <xsl:choose>
            <xsl:when test="@esn = 'DD'">Deep dive<br/></xsl:when>
            <xsl:when test="@esn">
              <xsl:value-of select="concat('ESN ', @esn)"/>
              <br/>
            </xsl:when>
          </xsl:choose>
          <!-- "29&#160;November 2016": the day stays with its month. -->
          <xsl:variable name="d">
            <xsl:call-template name="date">
              <xsl:with-param name="iso" select="@date"/>
            </xsl:call-template>
          </xsl:variable>
          <xsl:value-of select="concat(substring-before($d, ' '), '&#160;', substring-after($d, ' '))"/>
        </p>
      </td>
      <td>
        <xsl:if test="@criterion">
          <p number="no">
            <i>Deep dive criterion: </i>
            <xsl:call-template name="criterion-words">
              <xsl:with-param name="c" select="@criterion"/>
            </xsl:call-template>
          </p>
        </xsl:if>
        <xsl:if test="@aspect and $show-aspect">
          <p number="no">
            <i>Bears on: </i>
            <xsl:call-template name="aspect-label">
              <xsl:with-param name="aspect" select="@aspect"/>
            </xsl:call-template>
          </p>
        </xsl:if>
        <markdown><xsl:value-of select="."/></markdown>
        <p number="no">
          <i>Source: </i>
          <xsl:value-of select="normalize-space(@source)"/>
          <xsl:if test="@cases">
            <br/>
            <i>Cases: </i>
            <xsl:value-of select="normalize-space(@cases)"/>
          </xsl:if>
        </p>
      </td>
      <td>
        <p number="no">
          <xsl:call-template name="member-name">
            <xsl:with-param name="id" select="@by"/>
          </xsl:call-template>
        </p>
        <p number="no">
          <xsl:call-template name="agency-name">
            <xsl:with-param name="id" select="@agency"/>
          </xsl:call-template>
        </p>
      </td>
      <td>
        <xsl:call-template name="practice-word">
          <xsl:with-param name="p" select="@practice"/>
        </xsl:call-template>
      </td>
    </tr>
  </xsl:template>

  <xsl:template name="practice-word">
    <xsl:param name="p"/>
    <xsl:choose>
      <xsl:when test="$p = 'effective'">Effective</xsl:when>
      <xsl:when test="$p = 'development'">Development</xsl:when>
      <xsl:otherwise><xsl:value-of select="$p"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A slac-2009 aspect as the framework's rules name it
       ("Safeguarding: children and young people are safe"). -->
  <xsl:variable name="paper-rows"
      select="document(concat('../', /inspection/@framework, '/rules.xml'))/rules/judgements/row"/>
  <xsl:template name="aspect-label">
    <xsl:param name="aspect"/>
    <xsl:variable name="row" select="$paper-rows[@aspect = $aspect]"/>
    <xsl:choose>
      <xsl:when test="$row"><xsl:value-of select="normalize-space($row)"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="$aspect"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="grade-word">
    <xsl:param name="g"/>
    <xsl:value-of select="concat(translate(substring($g, 1, 1), $lower, $upper),
                                 substring($g, 2))"/>
  </xsl:template>

  <xsl:template match="*" mode="record-row">
    <xsl:call-template name="unknown-element"/>
  </xsl:template>

</xsl:stylesheet>
