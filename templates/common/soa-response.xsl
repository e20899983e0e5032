<?xml version="1.0" encoding="UTF-8"?>
<!--
  soa-response.xsl: the response to the partnership's written statement
  of proposed action (jtai-2016 paragraph 99; jtai-2019 "Action plan
  after the inspection"): "The lead inspector will review the action plan
  and prepare a response on behalf of the inspectorates. All inspectorates
  will agree the response before it is sent."

  A framework's soa-response.xsl imports its own letter.xsl (for $data,
  $inspectorates, the signatures and the title) and then this file, whose
  templates win. The words are in the framework's after-data.xml and its
  Markdown templates; the evaluation is the lead inspector's Markdown in
  <statement-of-action-review>.

  Addressed to the lead agency (its first leader, in the input's order),
  copied to the cooperating agencies (the first leader of each), dated
  the day the response is sent (date=, else the day the statement was
  received), signed for every inspectorate of the letter.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:import href="common.xsl"/>

  <xsl:output method="xml" encoding="UTF-8" indent="no"/>

  <xsl:param name="soa-response-date"/>
  <xsl:param name="soa-cooperating"/>

  <xsl:variable name="after" select="document(concat('../', /inspection/@framework, '/after-data.xml'))/after/soa-response"/>

  <xsl:template match="/inspection">
    <xsl:variable name="review" select="statement-of-action-review"/>
    <xsl:variable name="soa" select="findings/statement-of-action"/>
    <xsl:if test="not($review)">
      <xsl:message terminate="yes">the inspection has no &lt;statement-of-action-review&gt;: there is nothing to respond to</xsl:message>
    </xsl:if>
    <xsl:if test="not($soa/@lead)">
      <xsl:message terminate="yes">the findings name no lead agency for the statement of action (&lt;statement-of-action lead=""&gt;)</xsl:message>
    </xsl:if>
    <xsl:variable name="lead" select="agencies/agency[@id = $soa/@lead]"/>
    <xsl:variable name="coop-ids" select="concat(' ', normalize-space($soa/@cooperating), ' ')"/>
    <xsl:variable name="title">
      <xsl:apply-templates select="$data/title" mode="fill"/>
      <xsl:value-of select="$after/@title-suffix"/>
    </xsl:variable>
    <document>
      <meta>
        <title><xsl:value-of select="normalize-space($title)"/></title>
        <subject><xsl:value-of select="$after/@subject"/></subject>
        <author><xsl:value-of select="$inspectorates-short"/></author>
        <lang><xsl:value-of select="@lang"/></lang>
        <keywords><xsl:value-of select="$after/@keywords"/></keywords>
      </meta>
      <body>
        <xsl:variable name="in" select="."/>
        <xsl:call-template name="letterhead">
          <xsl:with-param name="ids"
              select="$inspectorates/inspectorate[@id = $in/team/member/@inspectorate or
                                                 @id = $in/signatories/signatory/@inspectorate]"/>
        </xsl:call-template>
        <p number="no"><xsl:value-of select="$soa-response-date"/></p>
        <address>
          <xsl:call-template name="first-leader">
            <xsl:with-param name="agency" select="$lead"/>
          </xsl:call-template>
        </address>
        <p number="no">
          <xsl:choose>
            <xsl:when test="$lead/leader">
              <xsl:value-of select="concat($after/@dear, ' ', normalize-space($lead/leader[1]/@name))"/>
            </xsl:when>
            <xsl:otherwise><xsl:value-of select="$after/@dear-colleagues"/></xsl:otherwise>
          </xsl:choose>
        </p>
        <h1><xsl:value-of select="normalize-space($title)"/></h1>
        <xsl:choose>
          <xsl:when test="$soa-cooperating != ''">
            <markdown src="{$after/@opening}"/>
          </xsl:when>
          <xsl:otherwise>
            <markdown src="{$after/@opening-lead}"/>
          </xsl:otherwise>
        </xsl:choose>
        <markdown src="{$after/@review}"/>
        <h2><xsl:value-of select="$after/@outcome-heading"/></h2>
        <xsl:choose>
          <xsl:when test="$review/@outcome = 'accepted'">
            <markdown src="{$after/@accepted}"/>
          </xsl:when>
          <xsl:otherwise>
            <markdown src="{$after/@more-needed}"/>
          </xsl:otherwise>
        </xsl:choose>
        <xsl:if test="normalize-space($review) != ''">
          <h2><xsl:value-of select="$after/@evaluation-heading"/></h2>
          <markdown><xsl:value-of select="$review"/></markdown>
        </xsl:if>
        <markdown src="{$after/@closing-text}"/>
        <p number="no" keep-with-next="yes"><xsl:value-of select="$data/closing"/></p>
        <xsl:call-template name="signatures"/>
        <xsl:variable name="copied" select="agencies/agency[contains($coop-ids, concat(' ', @id, ' '))]"/>
        <xsl:if test="$copied">
          <p number="no" keep-with-next="yes"><b><xsl:value-of select="$after/@copied"/></b></p>
          <list>
            <xsl:for-each select="$copied">
              <xsl:call-template name="first-leader">
                <xsl:with-param name="agency" select="."/>
                <xsl:with-param name="tag" select="'item'"/>
              </xsl:call-template>
            </xsl:for-each>
          </list>
        </xsl:if>
      </body>
    </document>
  </xsl:template>

  <!-- "Name, Title, Organisation" of an agency's first leader, or the
       agency's name when it lists none. -->
  <xsl:template name="first-leader">
    <xsl:param name="agency"/>
    <xsl:param name="tag" select="'line'"/>
    <xsl:element name="{$tag}">
      <xsl:for-each select="$agency/leader[1]">
        <xsl:value-of select="concat(normalize-space(@name), ', ', normalize-space(@title), ', ')"/>
      </xsl:for-each>
      <xsl:value-of select="normalize-space($agency/@name)"/>
    </xsl:element>
  </xsl:template>

</xsl:stylesheet>
