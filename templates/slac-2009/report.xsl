<?xml version="1.0" encoding="UTF-8"?>
<!--
  report.xsl: the graded report of an inspection of safeguarding and
  looked after children services (May 2009, No. 090027), for findings
  render -\-doc report.

  The shape is the framework's "Report contents" (paragraph 55), read from
  report-data.xml: about this inspection, service information, then
  "Safeguarding services" and "Services for looked after children", each
  opening with a summary table "Judgement | Grade" (as the published
  reports' record of main findings) and going on, heading by heading,
  with the grade and the inspectors' text of each judgement: overall
  effectiveness, capacity for improvement, the areas for improvement by
  timescale, the outcomes, quality of provision and leadership and
  management with their sub-grades. Grades are printed as the input gives
  them: the limiting judgements are findings check's business, and a
  judgement's why= is for the team, never printed.

  Input: the checked inspection. Parameters: the facts (src/facts.h).
  Output: a document tree (docs/document-tree.md). The fixed prose is in
  the Markdown templates named by report-data.xml, filled from the facts
  by the engine; the judgements and recommendations are the inspectors'
  Markdown, never filled. The report is published: the stage marks are
  the letter's (watermark and numbered paragraphs in draft, the factual
  accuracy notice, the embargo, nothing at final).
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:fd="urn:findings:xslt"
    exclude-result-prefixes="fd">

  <xsl:import href="../common/common.xsl"/>

  <xsl:output method="xml" encoding="UTF-8" indent="no"/>

  <!-- Facts (src/facts.h). -->
  <xsl:param name="stage" select="'draft'"/>
  <xsl:param name="ref"/>
  <xsl:param name="area"/>
  <xsl:param name="fieldwork-start"/>
  <xsl:param name="fieldwork-end"/>
  <xsl:param name="letter-date"/>
  <xsl:param name="publication-date"/>
  <xsl:param name="lead-inspector"/>
  <xsl:param name="inspectorates-short"/>

  <xsl:variable name="data" select="document('report-data.xml')/report"/>
  <xsl:variable name="rules" select="document('rules.xml')/rules/judgements"/>
  <xsl:variable name="inspectorates"
      select="document('../common/inspectorates.xml')/inspectorates/inspectorate"/>
  <xsl:variable name="root" select="/inspection"/>
  <xsl:variable name="judgements" select="/inspection/judgements/judgement"/>

  <xsl:variable name="title"
      select="concat($data/@title, ': ', normalize-space(/inspection/area))"/>

  <!-- ============================================================ -->

  <xsl:template match="/">
    <xsl:apply-templates select="inspection"/>
  </xsl:template>

  <xsl:template match="inspection">
    <xsl:apply-templates select="*" mode="check"/>
    <xsl:call-template name="check-rows"/>
    <document>
      <meta>
        <title><xsl:value-of select="$title"/></title>
        <subject><xsl:value-of select="$data/@subject"/></subject>
        <author><xsl:value-of select="$inspectorates-short"/></author>
        <lang>
          <xsl:value-of select="@lang"/>
          <xsl:if test="not(@lang)">en-GB</xsl:if>
        </lang>
        <stage><xsl:value-of select="$stage"/></stage>
        <keywords><xsl:value-of select="$data/@keywords"/></keywords>
      </meta>
      <xsl:call-template name="page"/>
      <body>
        <h1><xsl:value-of select="$title"/></h1>
        <xsl:call-template name="details"/>

        <h2><xsl:value-of select="$data/headings/@about"/></h2>
        <markdown src="{$data/headings/@about-src}"/>
        <xsl:call-template name="team"/>
        <xsl:call-template name="evidence-base"/>

        <h2><xsl:value-of select="$data/headings/@scale"/></h2>
        <markdown src="{$data/headings/@scale-src}" keep-with-next="yes"/>
        <xsl:call-template name="scale"/>

        <h2><xsl:value-of select="$data/headings/@service"/></h2>
        <markdown src="{$data/headings/@service-src}"/>
        <xsl:call-template name="agencies"/>

        <xsl:apply-templates select="$data/section" mode="section"/>
      </body>
    </document>
  </xsl:template>

  <!-- Every graded row of the report contents (rules.xml) has its place
       in report-data.xml, so no grade is left out of the report. -->
  <xsl:template name="check-rows">
    <xsl:for-each select="$rules/row[not(@optional = 'yes')]">
      <xsl:variable name="aspect" select="@aspect"/>
      <xsl:variable name="places"
          select="$data/section[starts-with($aspect, concat(@id, '/'))]
                  //row[concat(ancestor::section/@id, '/', @aspect) = $aspect]"/>
      <xsl:if test="count($places) != 1">
        <xsl:message terminate="yes">
          <xsl:text>report-data.xml places the graded row '</xsl:text>
          <xsl:value-of select="$aspect"/>
          <xsl:text>' of rules.xml </xsl:text>
          <xsl:value-of select="count($places)"/>
          <xsl:text> times in the report, not once</xsl:text>
        </xsl:message>
      </xsl:if>
    </xsl:for-each>
  </xsl:template>

  <!-- The marks of the stage (SPEC.md, Stages), as the letter has them. -->
  <xsl:template name="page">
    <xsl:variable name="marks" select="$data/marks"/>
    <xsl:choose>
      <xsl:when test="$stage = 'draft'">
        <page marking="{$marks/@marking}" watermark="{$marks/@watermark}"
              numbered-paragraphs="yes" footer="{$ref}"/>
      </xsl:when>
      <xsl:when test="$stage = 'factual-accuracy'">
        <page marking="{$marks/@marking}" notice="{$marks/@factual-accuracy}"
              numbered-paragraphs="yes" footer="{$ref}"/>
      </xsl:when>
      <xsl:when test="$stage = 'pre-publication'">
        <page>
          <xsl:attribute name="notice">
            <xsl:choose>
              <xsl:when test="$publication-date != ''">
                <xsl:value-of select="concat($marks/@embargo, ' ', $publication-date)"/>
              </xsl:when>
              <xsl:otherwise>
                <xsl:value-of select="$marks/@embargo-undated"/>
              </xsl:otherwise>
            </xsl:choose>
          </xsl:attribute>
        </page>
      </xsl:when>
      <xsl:when test="$stage = 'final'"/>
      <xsl:otherwise>
        <xsl:message terminate="yes">
          <xsl:text>unknown stage '</xsl:text>
          <xsl:value-of select="$stage"/>
          <xsl:text>'</xsl:text>
        </xsl:message>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The front matter of the published reports: dates, the reporting
       inspector, the date of the report and of its publication. -->
  <xsl:template name="details">
    <xsl:variable name="d" select="$data/details"/>
    <table borders="no" caption="{$d/@caption}">
      <col width="35%"/><col/>
      <xsl:if test="$fieldwork-start != ''">
        <tr>
          <th><xsl:value-of select="$d/@dates"/></th>
          <td><xsl:value-of select="concat($fieldwork-start, ' to ', $fieldwork-end)"/></td>
        </tr>
      </xsl:if>
      <xsl:if test="$lead-inspector != ''">
        <tr>
          <th><xsl:value-of select="$d/@inspector"/></th>
          <td><xsl:value-of select="$lead-inspector"/></td>
        </tr>
      </xsl:if>
      <tr>
        <th><xsl:value-of select="$d/@report-date"/></th>
        <td><xsl:value-of select="$letter-date"/></td>
      </tr>
      <xsl:if test="($stage = 'pre-publication' or $stage = 'final') and
                    $publication-date != ''">
        <tr>
          <th><xsl:value-of select="$d/@publication"/></th>
          <td><xsl:value-of select="$publication-date"/></td>
        </tr>
      </xsl:if>
      <tr>
        <th><xsl:value-of select="$d/@reference"/></th>
        <td><xsl:value-of select="$ref"/></td>
      </tr>
    </table>
  </xsl:template>

  <!-- "The inspection team consisted of three inspectors from Ofsted and
       one from the Care Quality Commission (CQC)." The team's own count
       (<about><inspectors>) where given; else the lead inspector and the
       inspectors of <team>: the QA manager and analysts are not on site. -->
  <xsl:template name="team">
    <xsl:variable name="own" select="$root/about/inspectors"/>
    <xsl:variable name="members"
        select="$root/team/member[@role = 'lead-inspector' or @role = 'inspector']"/>
    <xsl:variable name="present"
        select="$inspectorates[($own and @id = $own/@inspectorate) or
                               (not($own) and @id = $members/@inspectorate)]"/>
    <xsl:if test="$present">
      <p>
        <xsl:value-of select="concat($data/about/@team, ' ')"/>
        <xsl:for-each select="$present">
          <xsl:variable name="id" select="@id"/>
          <xsl:variable name="n">
            <xsl:choose>
              <xsl:when test="$own">
                <xsl:value-of select="sum($own[@inspectorate = $id]/@count)"/>
              </xsl:when>
              <xsl:otherwise>
                <xsl:value-of select="count($members[@inspectorate = $id])"/>
              </xsl:otherwise>
            </xsl:choose>
          </xsl:variable>
          <xsl:if test="position() &gt; 1">
            <xsl:choose>
              <xsl:when test="position() = last()"> and </xsl:when>
              <xsl:otherwise>, </xsl:otherwise>
            </xsl:choose>
          </xsl:if>
          <xsl:call-template name="number">
            <xsl:with-param name="n" select="number($n)"/>
          </xsl:call-template>
          <xsl:if test="position() = 1">
            <xsl:choose>
              <xsl:when test="number($n) = 1">
                <xsl:value-of select="concat(' ', $data/about/@inspector)"/>
              </xsl:when>
              <xsl:otherwise>
                <xsl:value-of select="concat(' ', $data/about/@inspectors)"/>
              </xsl:otherwise>
            </xsl:choose>
          </xsl:if>
          <xsl:value-of select="concat(' from ', @long)"/>
        </xsl:for-each>
        <xsl:text>.</xsl:text>
      </p>
    </xsl:if>
  </xsl:template>

  <!-- One to nine in words, 10 and above in figures. -->
  <xsl:template name="number">
    <xsl:param name="n"/>
    <xsl:variable name="word" select="$data/numbers/n[@value = $n]"/>
    <xsl:choose>
      <xsl:when test="$word"><xsl:value-of select="$word"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="format-number($n, '#,##0')"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- "The evidence evaluated by inspectors included:" and a bullet an
       item of report-data.xml's <about>, filled from the team's numbers;
       an item the team rewords (<item replaces="KEY">) in its words
       instead, left out when those are empty; then the team's own items.
       Nothing at all when every item is left out. -->
  <xsl:template name="evidence-base">
    <xsl:variable name="items">
      <xsl:for-each select="$data/about/item">
        <xsl:variable name="own" select="$root/about/item[@replaces = current()/@key]"/>
        <xsl:choose>
          <xsl:when test="$own">
            <xsl:apply-templates select="$own" mode="own-item"/>
          </xsl:when>
          <xsl:when test="@needs and not($root/about/@*[local-name() = current()/@needs])"/>
          <xsl:otherwise>
            <item><xsl:apply-templates mode="about"/></item>
          </xsl:otherwise>
        </xsl:choose>
      </xsl:for-each>
      <xsl:apply-templates select="$root/about/item[not(@replaces)]" mode="own-item"/>
    </xsl:variable>
    <xsl:if test="normalize-space($items) != ''">
      <p keep-with-next="yes"><xsl:value-of select="$data/about/@evidence"/></p>
      <list><xsl:copy-of select="$items"/></list>
    </xsl:if>
  </xsl:template>

  <xsl:template match="item" mode="own-item">
    <xsl:if test="normalize-space() != ''">
      <item><markdown><xsl:value-of select="."/></markdown></item>
    </xsl:if>
  </xsl:template>

  <xsl:template match="text()" mode="about">
    <xsl:value-of select="."/>
  </xsl:template>

  <xsl:template match="count" mode="about">
    <xsl:variable name="v" select="$root/about/@*[local-name() = current()/@of]"/>
    <xsl:choose>
      <xsl:when test="$v">
        <xsl:value-of select="@before"/>
        <xsl:call-template name="number">
          <xsl:with-param name="n" select="number($v)"/>
        </xsl:call-template>
        <xsl:text> </xsl:text>
        <xsl:choose>
          <xsl:when test="number($v) = 1"><xsl:value-of select="@one"/></xsl:when>
          <xsl:otherwise><xsl:value-of select="@other"/></xsl:otherwise>
        </xsl:choose>
        <xsl:value-of select="@after"/>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="@otherwise"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="month" mode="about">
    <xsl:variable name="v" select="$root/about/@*[local-name() = current()/@of]"/>
    <xsl:value-of select="substring-after(fd:date(string($v)), ' ')"/>
  </xsl:template>

  <xsl:template match="area" mode="about">
    <xsl:value-of select="$area"/>
  </xsl:template>

  <xsl:template match="*" mode="about">
    <xsl:call-template name="unknown-element"/>
  </xsl:template>

  <!-- The four-point scale and what each grade means. -->
  <xsl:template name="scale">
    <table keep-together="yes" caption="{$data/headings/@scale-caption}">
      <col width="30%"/><col/>
      <tbody>
        <xsl:for-each select="$data/grades/grade">
          <tr>
            <th><xsl:value-of select="concat(@word, ' (grade ', @number, ')')"/></th>
            <td><xsl:value-of select="normalize-space(.)"/></td>
          </tr>
        </xsl:for-each>
      </tbody>
    </table>
  </xsl:template>

  <!-- The agencies whose services the inspection evaluated. -->
  <xsl:template name="agencies">
    <xsl:if test="$root/agencies/agency">
      <list>
        <xsl:for-each select="$root/agencies/agency">
          <item><xsl:value-of select="normalize-space(@name)"/></item>
        </xsl:for-each>
      </list>
    </xsl:if>
  </xsl:template>

  <!-- ============================================================ -->
  <!-- A section: the summary table, then each heading in order. -->

  <xsl:template match="section" mode="section">
    <!-- Safeguarding follows the service information; looked after
         children start on a page of their own. -->
    <xsl:if test="position() &gt; 1"><page-break/></xsl:if>
    <h1 keep-with-next="yes"><xsl:value-of select="@title"/></h1>
    <table keep-together="yes" caption="{concat($data/headings/@summary-caption, ' ', @title)}">
      <col/><col width="22%"/>
      <thead>
        <tr>
          <th><xsl:value-of select="$data/headings/@summary-judgement"/></th>
          <th><xsl:value-of select="$data/headings/@summary-grade"/></th>
        </tr>
      </thead>
      <tbody>
        <xsl:apply-templates select="row | outcomes" mode="summary"/>
      </tbody>
    </table>
    <xsl:apply-templates select="*" mode="body"/>
  </xsl:template>

  <xsl:template name="grade-word">
    <xsl:param name="row"/>
    <xsl:variable name="aspect"
        select="concat($row/ancestor::section/@id, '/', $row/@aspect)"/>
    <xsl:variable name="j" select="$judgements[@aspect = $aspect][1]"/>
    <xsl:choose>
      <xsl:when test="$j">
        <xsl:value-of select="$data/grades/grade[@value = $j/@grade]/@word"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:value-of select="$data/headings/@not-graded"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Summary rows: a row and its sub-grades, indented; the outcomes as
       a heading across the table. -->
  <xsl:template match="row" mode="summary">
    <tr>
      <td>
        <xsl:choose>
          <xsl:when test="parent::row or parent::outcomes">
            <list><item><xsl:value-of select="@label"/></item></list>
          </xsl:when>
          <xsl:otherwise>
            <b><xsl:value-of select="@label"/></b>
          </xsl:otherwise>
        </xsl:choose>
      </td>
      <td>
        <xsl:call-template name="grade-word">
          <xsl:with-param name="row" select="."/>
        </xsl:call-template>
      </td>
    </tr>
    <xsl:apply-templates select="row" mode="summary"/>
  </xsl:template>

  <xsl:template match="outcomes" mode="summary">
    <tr>
      <td colspan="2"><b><xsl:value-of select="@heading"/></b></td>
    </tr>
    <xsl:apply-templates select="row" mode="summary"/>
  </xsl:template>

  <!-- The body: each graded row under its heading (a sub-grade one level
       down), its grade, then the inspectors' text. -->
  <xsl:template match="row" mode="body">
    <xsl:variable name="aspect"
        select="concat(ancestor::section/@id, '/', @aspect)"/>
    <xsl:variable name="j" select="$judgements[@aspect = $aspect][1]"/>
    <xsl:variable name="heading">
      <xsl:choose>
        <xsl:when test="@heading"><xsl:value-of select="@heading"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="@label"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="parent::section">
        <h2><xsl:value-of select="$heading"/></h2>
      </xsl:when>
      <xsl:otherwise>
        <h3><xsl:value-of select="$heading"/></h3>
      </xsl:otherwise>
    </xsl:choose>
    <p number="no" keep-with-next="yes">
      <b>
        <xsl:value-of select="concat($data/headings/@grade, ' ')"/>
        <xsl:call-template name="grade-word">
          <xsl:with-param name="row" select="."/>
        </xsl:call-template>
      </b>
    </p>
    <xsl:if test="$j and normalize-space($j) != ''">
      <markdown><xsl:value-of select="$j"/></markdown>
    </xsl:if>
    <xsl:apply-templates select="row" mode="body"/>
  </xsl:template>

  <xsl:template match="outcomes" mode="body">
    <h2><xsl:value-of select="@heading"/></h2>
    <xsl:apply-templates select="row" mode="body"/>
  </xsl:template>

  <!-- The areas for improvement of this section (an improvement without
       section= belongs to both), under their timescales. -->
  <xsl:template match="improvements" mode="body">
    <xsl:variable name="id" select="ancestor::section/@id"/>
    <xsl:variable name="mine"
        select="$root/findings/improvement[@section = $id or not(@section)]
                [normalize-space()]"/>
    <h2><xsl:value-of select="@heading"/></h2>
    <xsl:choose>
      <xsl:when test="$mine">
        <markdown src="{ancestor::section/@improvements-src}"/>
        <xsl:for-each select="$data/timescales/within">
          <xsl:call-template name="timescale">
            <xsl:with-param name="label" select="."/>
            <xsl:with-param name="items" select="$mine[@within = current()/@value]"/>
          </xsl:call-template>
        </xsl:for-each>
        <xsl:call-template name="timescale">
          <xsl:with-param name="label" select="$data/unplaced"/>
          <xsl:with-param name="items"
              select="$mine[not(@within = $data/timescales/within/@value)]"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <p><xsl:value-of select="@none"/></p>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="timescale">
    <xsl:param name="label"/>
    <xsl:param name="items"/>
    <xsl:if test="$items">
      <p number="no" keep-with-next="yes"><b><xsl:value-of select="$label"/></b></p>
      <list>
        <xsl:for-each select="$items">
          <item><markdown><xsl:value-of select="."/></markdown></item>
        </xsl:for-each>
      </list>
    </xsl:if>
  </xsl:template>

  <xsl:template match="*" mode="body">
    <xsl:call-template name="unknown-element"/>
  </xsl:template>
  <xsl:template match="*" mode="summary">
    <xsl:call-template name="unknown-element"/>
  </xsl:template>
  <xsl:template match="*" mode="section">
    <xsl:call-template name="unknown-element"/>
  </xsl:template>

  <!-- Every element of the inspection is known here, so a new one is an
       error until the report says what to do with it. -->
  <xsl:template mode="check"
      match="area | theme | calendar | notification | team | agencies |
             signatories | evidence | concerns | judgements | history | withheld |
             factual-accuracy | complaints | statement-of-action-review | about"/>
  <xsl:template match="findings" mode="check">
    <xsl:apply-templates select="*" mode="check"/>
  </xsl:template>
  <xsl:template mode="check"
      match="findings/summary | findings/strength | findings/improvement |
             findings/priority-action | findings/case-study |
             findings/statement-of-action"/>
  <xsl:template match="*" mode="check">
    <xsl:call-template name="unknown-element"/>
  </xsl:template>

</xsl:stylesheet>
