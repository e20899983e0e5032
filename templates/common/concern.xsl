<?xml version="1.0" encoding="UTF-8"?>
<!--
  common/concern.xsl: the form for referring concerns about a child's case
  to the local authority or agency, laid out as the frameworks' annex lays
  it out: one bordered table of three columns, the case details at the
  left beside the two categories, the issues under the categories, the
  date the response is required by beside the response, the inspectors'
  evaluation, and the sign-off with a date for each signature.

  templates/<framework>/concern.xsl imports this file and sets the words:
    $annex-title      "Annex C. Referring concerns to the local authority"
    $inspection-name  "Ofsted targeted local authority inspection"
    $service-label    "Local authority team:" or "Service:"
    $service-agency   'yes' to name the agency before the service
    $evaluation-label "Inspector's evaluation of the information provided by ..."
    $officer-label    "DCS:" or "Chief officer:"

  Parameters: concern-id (the concern to fill the form from) or blank
  ("yes": every field empty, with room to write by hand). The form is not
  published: it shows case numbers, and every page is marked
  OFFICIAL-SENSITIVE.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:fd="urn:findings:xslt"
    exclude-result-prefixes="fd">

  <!-- The catch-all: an element nothing handles is an error. -->
  <xsl:import href="common.xsl"/>

  <xsl:output method="xml" encoding="UTF-8" indent="no"/>

  <xsl:param name="concern-id" select="''"/>
  <xsl:param name="blank" select="''"/>

  <xsl:variable name="concern-inspectorates"
      select="document('inspectorates.xml')/inspectorates/inspectorate"/>
  <xsl:variable name="service-agency" select="'no'"/>

  <xsl:variable name="empty" select="$blank = 'yes'"/>
  <xsl:variable name="c"
      select="/inspection/concerns/concern[not($empty) and @id = $concern-id]"/>
  <xsl:variable name="concern-lead"
      select="/inspection/team/member[@role = 'lead-inspector'][1]"/>

  <xsl:template match="/">
    <xsl:apply-templates select="inspection"/>
  </xsl:template>

  <xsl:template match="inspection">
    <xsl:call-template name="check"/>
    <document>
      <meta>
        <title>
          <xsl:value-of select="concat($annex-title, ': ', area)"/>
          <xsl:if test="$c">
            <xsl:value-of select="concat(', concern ', $c/@id)"/>
          </xsl:if>
        </title>
        <subject>Referral of a concern about a child's case</subject>
        <author>
          <xsl:value-of select="$concern-inspectorates[@id = $concern-lead/@inspectorate]/@name"/>
        </author>
        <lang>
          <xsl:value-of select="@lang"/>
          <xsl:if test="not(@lang)">en-GB</xsl:if>
        </lang>
      </meta>
      <page marking="OFFICIAL-SENSITIVE">
        <xsl:attribute name="footer">
          <xsl:value-of select="@ref"/>
          <xsl:if test="$c">
            <xsl:value-of select="concat(', concern ', $c/@id)"/>
          </xsl:if>
        </xsl:attribute>
      </page>
      <body>
        <h1><xsl:value-of select="$annex-title"/></h1>
        <p number="no">
          <b>Inspection: </b>
          <xsl:value-of select="concat($inspection-name, ', ', area, ' (', @ref, ')')"/>
          <br/>
          <b>Lead inspector: </b>
          <xsl:value-of select="$concern-lead/@name"/>
        </p>
        <xsl:call-template name="form"/>
      </body>
    </document>
  </xsl:template>

  <xsl:template name="check">
    <xsl:if test="not($empty) and $concern-id = ''">
      <xsl:message terminate="yes">the concern form needs --id CONCERN (a concern's id) or --blank</xsl:message>
    </xsl:if>
    <xsl:if test="not($empty) and $concern-id != '' and not($c)">
      <xsl:for-each select="(concerns | .)[last()]">
        <xsl:message terminate="yes">--id <xsl:value-of select="$concern-id"/>: no concern has this id</xsl:message>
      </xsl:for-each>
    </xsl:if>
  </xsl:template>

  <!-- "7 March 2016" from an ISO date; nothing for nothing. -->
  <xsl:template name="date">
    <xsl:param name="iso"/>
    <xsl:if test="string($iso) != ''">
      <xsl:value-of select="fd:date(string($iso))"/>
    </xsl:if>
  </xsl:template>

  <!-- Room to write by hand: lines that hold their height. -->
  <xsl:template name="space">
    <xsl:param name="lines" select="3"/>
    <p number="no">
      <xsl:text>&#160;</xsl:text>
      <xsl:call-template name="more-lines">
        <xsl:with-param name="n" select="$lines - 1"/>
      </xsl:call-template>
    </p>
  </xsl:template>

  <xsl:template name="more-lines">
    <xsl:param name="n"/>
    <xsl:if test="$n > 0">
      <br/>
      <xsl:text>&#160;</xsl:text>
      <xsl:call-template name="more-lines">
        <xsl:with-param name="n" select="$n - 1"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- A label, then the value on the same line (a short field). -->
  <xsl:template name="field">
    <xsl:param name="label"/>
    <xsl:param name="value"/>
    <p number="no">
      <b><xsl:value-of select="$label"/></b>
      <xsl:if test="string($value) != ''">
        <xsl:text> </xsl:text>
        <xsl:value-of select="$value"/>
      </xsl:if>
    </p>
  </xsl:template>

  <!-- Markdown prose of the concern, or room to write it. -->
  <xsl:template name="prose">
    <xsl:param name="node"/>
    <xsl:param name="lines" select="4"/>
    <xsl:choose>
      <xsl:when test="$node and normalize-space($node) != ''">
        <markdown><xsl:value-of select="$node"/></markdown>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="space">
          <xsl:with-param name="lines" select="$lines"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="category">
    <xsl:param name="n"/>
    <xsl:param name="words"/>
    <checkbox>
      <xsl:attribute name="checked">
        <xsl:choose>
          <xsl:when test="$c/@category = $n">yes</xsl:when>
          <xsl:otherwise>no</xsl:otherwise>
        </xsl:choose>
      </xsl:attribute>
      <b><xsl:value-of select="concat('Category ', $n)"/></b>
    </checkbox>
    <p number="no"><xsl:value-of select="$words"/></p>
  </xsl:template>

  <xsl:template name="form">
    <xsl:variable name="by" select="/inspection/team/member[@id = $c/@by]"/>
    <xsl:variable name="agency" select="/inspection/agencies/agency[@id = $c/@agency]"/>
    <!-- Three tables, as the annex's three parts: a page may break
         between them, never inside the evaluation or the sign-off, whose
         headings stay with their rows. -->
    <table borders="yes">
      <col width="36%"/>
      <col/>
      <col/>
      <thead>
        <tr>
          <th>
            <p number="no">Case details</p>
            <p number="no">(include details of other children in the family/household if relevant)</p>
          </th>
          <th colspan="2">
            <p number="no">Reasons for referral back</p>
            <p number="no">(select one category)</p>
          </th>
        </tr>
      </thead>
      <tr>
        <td rowspan="2">
          <p number="no"><b>Case number(s):</b></p>
          <xsl:call-template name="prose">
            <xsl:with-param name="node" select="$c/cases"/>
            <xsl:with-param name="lines" select="3"/>
          </xsl:call-template>
          <xsl:call-template name="field">
            <xsl:with-param name="label" select="'Inspector referring:'"/>
            <xsl:with-param name="value">
              <xsl:if test="$by">
                <xsl:value-of select="concat($by/@name, ' (',
                    $concern-inspectorates[@id = $by/@inspectorate]/@short, ')')"/>
              </xsl:if>
            </xsl:with-param>
          </xsl:call-template>
          <xsl:call-template name="field">
            <xsl:with-param name="label" select="'Date of referral:'"/>
            <xsl:with-param name="value">
              <xsl:call-template name="date">
                <xsl:with-param name="iso" select="$c/@referred"/>
              </xsl:call-template>
            </xsl:with-param>
          </xsl:call-template>
          <xsl:call-template name="field">
            <xsl:with-param name="label" select="$service-label"/>
            <xsl:with-param name="value">
              <xsl:if test="$service-agency = 'yes' and $agency">
                <xsl:value-of select="$agency/@name"/>
                <xsl:if test="$c/@service">: </xsl:if>
              </xsl:if>
              <xsl:value-of select="$c/@service"/>
            </xsl:with-param>
          </xsl:call-template>
        </td>
        <td>
          <xsl:call-template name="category">
            <xsl:with-param name="n" select="1"/>
            <xsl:with-param name="words">Serious issue of concern (for example, failure to follow child protection procedures and/or child at immediate risk of significant harm)</xsl:with-param>
          </xsl:call-template>
        </td>
        <td>
          <xsl:call-template name="category">
            <xsl:with-param name="n" select="2"/>
            <xsl:with-param name="words">Concern that the service offer or risk assessment may not be appropriate for the child’s needs</xsl:with-param>
          </xsl:call-template>
        </td>
      </tr>
      <tr>
        <td colspan="2">
          <p number="no"><b>What are the issues that led to the case being referred?</b></p>
          <xsl:call-template name="prose">
            <xsl:with-param name="node" select="$c/issues"/>
            <xsl:with-param name="lines" select="4"/>
          </xsl:call-template>
        </td>
      </tr>
      <tr>
        <td>
          <p number="no"><b>Response and explanation required by:</b></p>
          <p number="no">
            <xsl:call-template name="date">
              <xsl:with-param name="iso" select="$c/@due"/>
            </xsl:call-template>
            <xsl:if test="$empty">&#160;</xsl:if>
          </p>
        </td>
        <td colspan="2">
          <xsl:call-template name="prose">
            <xsl:with-param name="node" select="$c/response"/>
            <xsl:with-param name="lines" select="4"/>
          </xsl:call-template>
        </td>
      </tr>
    </table>
    <table borders="yes" keep-together="yes">
      <thead>
        <tr>
          <th><xsl:value-of select="$evaluation-label"/></th>
        </tr>
      </thead>
      <tr>
        <td>
          <xsl:call-template name="prose">
            <xsl:with-param name="node" select="$c/evaluation"/>
            <xsl:with-param name="lines" select="4"/>
          </xsl:call-template>
        </td>
      </tr>
    </table>
    <table borders="yes" keep-together="yes">
      <col width="50%"/>
      <col/>
      <thead>
        <tr>
          <th colspan="2">Sign off</th>
        </tr>
      </thead>
      <!-- Names, then dates: two rows, so that the dates line up
           whatever the length of a name. -->
      <tr>
        <td>
          <xsl:call-template name="field">
            <xsl:with-param name="label" select="$officer-label"/>
            <xsl:with-param name="value" select="$c/sign-off/@officer"/>
          </xsl:call-template>
          <xsl:call-template name="space">
            <xsl:with-param name="lines" select="2"/>
          </xsl:call-template>
        </td>
        <td>
          <xsl:call-template name="field">
            <xsl:with-param name="label" select="'Lead inspector:'"/>
            <xsl:with-param name="value" select="$concern-lead[$c]/@name"/>
          </xsl:call-template>
          <xsl:call-template name="space">
            <xsl:with-param name="lines" select="2"/>
          </xsl:call-template>
        </td>
      </tr>
      <tr>
        <td>
          <xsl:call-template name="field">
            <xsl:with-param name="label" select="'Date:'"/>
            <xsl:with-param name="value">
              <xsl:call-template name="date">
                <xsl:with-param name="iso" select="$c/sign-off/@officer-date"/>
              </xsl:call-template>
            </xsl:with-param>
          </xsl:call-template>
        </td>
        <td>
          <xsl:call-template name="field">
            <xsl:with-param name="label" select="'Date:'"/>
            <xsl:with-param name="value">
              <xsl:call-template name="date">
                <xsl:with-param name="iso" select="$c/sign-off/@lead-date"/>
              </xsl:call-template>
            </xsl:with-param>
          </xsl:call-template>
        </td>
      </tr>
    </table>
  </xsl:template>

</xsl:stylesheet>
