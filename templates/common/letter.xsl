<?xml version="1.0" encoding="UTF-8"?>
<!--
  letter.xsl: the letter of findings, for every framework that writes one.

  A framework's own letter.xsl imports this file and sets two variables:

    $data           its letter-data.xml (the letter element for the
                    inspection's variant): title, salutation, headings,
                    addressee roles, Markdown templates, what follows an
                    area for priority action
    $inspectorates  the inspectorates' names (common/inspectorates.xml or
                    the framework's own)

  Input: the checked inspection. Parameters: the facts (src/facts.h).
  Output: a document tree (docs/document-tree.md). The fixed prose is in
  the framework's Markdown templates, filled from the facts by the
  engine; the findings are the inspectors' Markdown, never filled.

  The shape follows letters published in 2016 (FRAMEWORKS.md): date,
  addressees, salutation, title, opening and deep dive paragraphs, summary
  of findings, strengths, areas for development or improvement, areas for
  priority action where there are any, case studies, next steps with the
  statement of proposed action, and the signatories.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:import href="common.xsl"/>

  <xsl:output method="xml" encoding="UTF-8" indent="no"/>

  <!-- Facts (src/facts.h). -->
  <xsl:param name="stage" select="'draft'"/>
  <xsl:param name="ref"/>
  <xsl:param name="area"/>
  <xsl:param name="theme"/>
  <xsl:param name="theme-ref"/>
  <xsl:param name="letter-date"/>
  <xsl:param name="publication-date"/>
  <xsl:param name="statement-of-action-date"/>
  <xsl:param name="soa-cooperating"/>
  <xsl:param name="inspectorates-short"/>

  <!-- Set by the framework's letter.xsl. -->
  <xsl:variable name="data" select="/.."/>
  <xsl:variable name="inspectorates" select="/.."/>

  <xsl:variable name="root" select="/inspection"/>
  <xsl:variable name="letters" select="'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'"/>

  <!-- ============================================================ -->

  <xsl:template match="/inspection">
    <xsl:if test="not($data)">
      <xsl:message terminate="yes">
        <xsl:text>the letter has no data for variant '</xsl:text>
        <xsl:value-of select="@variant"/>
        <xsl:text>' (letter-data.xml)</xsl:text>
      </xsl:message>
    </xsl:if>
    <xsl:apply-templates select="*" mode="check"/>
    <xsl:variable name="title">
      <xsl:apply-templates select="$data/title" mode="fill"/>
    </xsl:variable>
    <document>
      <meta>
        <title><xsl:value-of select="normalize-space($title)"/></title>
        <subject><xsl:value-of select="$data/@subject"/></subject>
        <author><xsl:value-of select="$inspectorates-short"/></author>
        <lang><xsl:value-of select="@lang"/></lang>
        <stage><xsl:value-of select="$stage"/></stage>
        <keywords>
          <xsl:value-of select="$data/@keywords"/>
          <xsl:if test="$theme-ref != ''">
            <xsl:text>; </xsl:text>
            <xsl:value-of select="$theme-ref"/>
          </xsl:if>
        </keywords>
      </meta>
      <xsl:call-template name="page"/>
      <body>
        <xsl:call-template name="letterhead">
          <xsl:with-param name="ids"
              select="$inspectorates/inspectorate[@id = $root/team/member/@inspectorate or
                                                 @id = $root/signatories/signatory/@inspectorate]"/>
        </xsl:call-template>
        <p number="no"><xsl:value-of select="$letter-date"/></p>
        <xsl:call-template name="addressees"/>
        <p number="no"><xsl:value-of select="$data/salutation"/></p>
        <h1><xsl:value-of select="normalize-space($title)"/></h1>
        <!-- The theme is optional: without it, no deep dive sentence. -->
        <xsl:choose>
          <xsl:when test="$theme = '' and $data/opening/@no-theme">
            <markdown src="{$data/opening/@no-theme}"/>
          </xsl:when>
          <xsl:otherwise>
            <markdown src="{$data/opening/@src}"/>
          </xsl:otherwise>
        </xsl:choose>

        <!-- A finding left without text (findings check warns) prints
             nothing, and a heading with nothing under it is left out. -->
        <xsl:if test="normalize-space(findings/summary) != ''">
          <h2><xsl:value-of select="$data/headings/@summary"/></h2>
          <markdown><xsl:value-of select="findings/summary"/></markdown>
        </xsl:if>

        <xsl:call-template name="group">
          <xsl:with-param name="heading" select="$data/headings/@strengths"/>
          <xsl:with-param name="items" select="findings/strength[normalize-space()]"/>
        </xsl:call-template>
        <xsl:call-template name="group">
          <xsl:with-param name="heading" select="$data/headings/@improvements"/>
          <xsl:with-param name="items" select="findings/improvement[normalize-space()]"/>
        </xsl:call-template>
        <xsl:call-template name="group">
          <xsl:with-param name="heading" select="$data/headings/@priority-actions"/>
          <xsl:with-param name="items" select="findings/priority-action[normalize-space()]"/>
        </xsl:call-template>
        <xsl:apply-templates select="findings/case-study[normalize-space()]" mode="case-study"/>

        <h2><xsl:value-of select="$data/headings/@next-steps"/></h2>
        <xsl:call-template name="next-steps"/>

        <p number="no" keep-with-next="yes">
          <xsl:value-of select="$data/closing"/>
        </p>
        <xsl:call-template name="signatures"/>
      </body>
    </document>
  </xsl:template>

  <!-- The marks of the stage (SPEC.md, Stages). -->
  <xsl:template name="page">
    <xsl:choose>
      <xsl:when test="$stage = 'draft'">
        <page marking="{$data/marks/@marking}" watermark="{$data/marks/@watermark}"
              numbered-paragraphs="yes" footer="{$ref}"/>
      </xsl:when>
      <xsl:when test="$stage = 'factual-accuracy'">
        <page marking="{$data/marks/@marking}" notice="{$data/marks/@factual-accuracy}"
              numbered-paragraphs="yes" footer="{$ref}"/>
      </xsl:when>
      <xsl:when test="$stage = 'pre-publication'">
        <page>
          <xsl:attribute name="notice">
            <xsl:choose>
              <xsl:when test="$publication-date != ''">
                <xsl:value-of select="$data/marks/@embargo"/>
                <xsl:text> </xsl:text>
                <xsl:value-of select="$publication-date"/>
              </xsl:when>
              <xsl:otherwise>
                <xsl:value-of select="$data/marks/@embargo-undated"/>
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

  <!-- Title and other data text: <area/> and <theme/> are the facts. -->
  <xsl:template match="text()" mode="fill">
    <xsl:value-of select="."/>
  </xsl:template>
  <xsl:template match="area" mode="fill">
    <xsl:value-of select="$area"/>
  </xsl:template>
  <xsl:template match="theme" mode="fill">
    <xsl:value-of select="$theme"/>
  </xsl:template>
  <xsl:template match="*" mode="fill">
    <xsl:apply-templates mode="fill"/>
  </xsl:template>

  <!--
    The addressee block: a line for each leader whose role the framework
    addresses, in the order of the input (the agencies and their leaders
    as the inspection lists them: SPEC.md, the order is the input's). A
    line is "Name, Title, Organisation", or the leader's own line= where
    the published letter words it otherwise ("Chair of Oxfordshire Local
    Safeguarding Children Board"). A role marked when="inspected" is
    addressed only when evidence was recorded about the leader's agency
    (the 2019 framework names probation services only when the deep dive
    included them). An inspection that names no such leader (leaders are
    optional) is addressed to its agencies by name.
  -->
  <xsl:template name="addressees">
    <xsl:variable name="roles" select="$data/addressees/role"/>
    <xsl:variable name="addressed"
        select="$root/agencies/agency/leader
                [@role = $roles[not(@when = 'inspected')]/@name or
                 (@role = $roles[@when = 'inspected']/@name and
                  $root/evidence/record/@agency = ../@id)]"/>
    <address>
      <xsl:if test="not($addressed)">
        <xsl:for-each select="$root/agencies/agency">
          <line><xsl:value-of select="normalize-space(@name)"/></line>
        </xsl:for-each>
      </xsl:if>
      <xsl:for-each select="$addressed">
        <line>
          <xsl:choose>
            <xsl:when test="normalize-space(@line) != ''">
              <xsl:value-of select="normalize-space(@line)"/>
            </xsl:when>
            <xsl:otherwise>
              <xsl:value-of select="normalize-space(@name)"/>
              <xsl:text>, </xsl:text>
              <xsl:value-of select="normalize-space(@title)"/>
              <xsl:text>, </xsl:text>
              <xsl:value-of select="normalize-space(../@name)"/>
            </xsl:otherwise>
          </xsl:choose>
        </line>
      </xsl:for-each>
    </address>
  </xsl:template>

  <!-- A heading and its findings, when there are any. -->
  <xsl:template name="group">
    <xsl:param name="heading"/>
    <xsl:param name="items"/>
    <xsl:if test="$items">
      <h2><xsl:value-of select="$heading"/></h2>
      <xsl:apply-templates select="$items" mode="finding"/>
    </xsl:if>
  </xsl:template>

  <!--
    One finding: the inspectors' Markdown as it stands. In a letter to
    several agencies (name-agencies="yes"), a finding about a single agency
    that its prose does not name is introduced by the agency's name,
    escaped so that it prints as written.
  -->
  <xsl:template match="strength | improvement | priority-action" mode="finding">
    <xsl:variable name="text" select="string(.)"/>
    <xsl:variable name="ids" select="normalize-space(@agencies)"/>
    <xsl:variable name="agency" select="$root/agencies/agency[@id = $ids]"/>
    <xsl:variable name="name" select="normalize-space($agency/@name)"/>
    <xsl:choose>
      <xsl:when test="not($data/@name-agencies = 'yes') or $ids = '' or
                      contains($ids, ' ') or contains($text, $name)">
        <markdown><xsl:value-of select="$text"/></markdown>
      </xsl:when>
      <xsl:when test="contains($letters, substring(normalize-space($text), 1, 1))">
        <markdown>
          <xsl:text>**</xsl:text>
          <xsl:call-template name="md-escape">
            <xsl:with-param name="s" select="$name"/>
          </xsl:call-template>
          <xsl:text>:** </xsl:text>
          <xsl:value-of select="$text"/>
        </markdown>
      </xsl:when>
      <xsl:otherwise>
        <p number="no" keep-with-next="yes"><b><xsl:value-of select="$name"/></b></p>
        <markdown><xsl:value-of select="$text"/></markdown>
      </xsl:otherwise>
    </xsl:choose>
    <xsl:if test="self::priority-action">
      <xsl:call-template name="priority-follow-up"/>
    </xsl:if>
  </xsl:template>

  <xsl:template match="*" mode="finding">
    <xsl:call-template name="unknown-element"/>
  </xsl:template>

  <!--
    What follows an area for priority action for each type of agency it
    concerns, where the framework says (2019: DfE, CQC management review
    meeting, HMICFRS cause of concern, HMI Probation organisational alert).
  -->
  <xsl:template name="priority-follow-up">
    <xsl:variable name="ids" select="concat(' ', normalize-space(@agencies), ' ')"/>
    <xsl:variable name="concerned"
        select="$root/agencies/agency[contains($ids, concat(' ', @id, ' '))]"/>
    <xsl:for-each select="$data/priority-follow-up/follow-up">
      <xsl:variable name="types" select="concat(' ', normalize-space(@types), ' ')"/>
      <xsl:variable name="these"
          select="$concerned[contains($types, concat(' ', @type, ' '))]/@name"/>
      <xsl:if test="$these">
        <p>
          <xsl:value-of select="@lead"/>
          <xsl:text> </xsl:text>
          <xsl:call-template name="join">
            <xsl:with-param name="items" select="$these"/>
          </xsl:call-template>
          <xsl:text>, </xsl:text>
          <xsl:value-of select="normalize-space(.)"/>
        </p>
      </xsl:if>
    </xsl:for-each>
  </xsl:template>

  <xsl:template match="case-study" mode="case-study">
    <h2>
      <xsl:value-of select="$data/headings/@case-study"/>
      <xsl:value-of select="normalize-space(@title)"/>
    </h2>
    <markdown><xsl:value-of select="."/></markdown>
  </xsl:template>

  <!--
    Next steps: the first <when> of the framework's data that fits the
    statement of action (required, dated, with cooperating agencies)
    names the Markdown template.
  -->
  <xsl:template name="next-steps">
    <xsl:variable name="soa" select="findings/statement-of-action"/>
    <xsl:variable name="required"
        select="substring('noyes', 1 + 2 * number($soa/@required = 'yes'), 2 + number($soa/@required = 'yes'))"/>
    <xsl:variable name="dated"
        select="substring('noyes', 1 + 2 * number($statement-of-action-date != ''), 2 + number($statement-of-action-date != ''))"/>
    <xsl:variable name="partners"
        select="substring('noyes', 1 + 2 * number($soa-cooperating != ''), 2 + number($soa-cooperating != ''))"/>
    <xsl:variable name="when"
        select="$data/next-steps/when[(not(@required) or @required = $required)
                                      and (not(@dated) or @dated = $dated)
                                      and (not(@partners) or @partners = $partners)][1]"/>
    <xsl:if test="not($when)">
      <xsl:message terminate="yes">
        <xsl:text>no next steps template fits a statement of action with required=</xsl:text>
        <xsl:value-of select="$required"/>
        <xsl:text>, dated=</xsl:text>
        <xsl:value-of select="$dated"/>
        <xsl:text>, partners=</xsl:text>
        <xsl:value-of select="$partners"/>
      </xsl:message>
    </xsl:if>
    <markdown src="{$when/@src}"/>
  </xsl:template>

  <!-- The signatories, with the names of their inspectorates; four make
       the two-by-two grid of a joint letter. -->
  <xsl:template name="signatures">
    <signatures>
      <xsl:for-each select="signatories/signatory">
        <xsl:variable name="id" select="@inspectorate"/>
        <signatory>
          <name><xsl:value-of select="normalize-space(@name)"/></name>
          <title><xsl:value-of select="normalize-space(@title)"/></title>
          <organisation>
            <xsl:value-of select="$inspectorates/inspectorate[@id = $id]/@name"/>
          </organisation>
        </signatory>
      </xsl:for-each>
    </signatures>
  </xsl:template>

  <!-- Every element of the inspection is known here, so a new one is an
       error until the letter says what to do with it. -->
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
