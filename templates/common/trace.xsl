<?xml version="1.0" encoding="UTF-8"?>
<!--
  trace.xsl: the evidence trace, a QA working paper (findings render
  -\-doc trace). Every finding, in the order of the letter (strengths,
  areas for development or improvement, areas for priority action, case
  studies; the summary is not traced), its text, then the evidence records
  it cites. A finding whose records all point the other way (a strength
  citing only practice needing development, an area for development or
  priority action citing only effective practice) is marked with a
  warning, as findings check warns. For slac-2009 each graded judgement
  follows with the records that name its aspect. Last, the records that
  no finding cites (nor, in slac-2009, a graded judgement).

  templates/<framework>/trace.xsl imports this file and sets
  $improvements-term: the framework's words for the areas for
  improvement ("Areas for development", "Areas for improvement").
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:import href="paper.xsl"/>

  <xsl:variable name="improvements-term" select="'Areas for improvement'"/>

  <xsl:variable name="judgements" select="/inspection/judgements/judgement"/>

  <!-- Every id cited by a finding, space-delimited. -->
  <xsl:variable name="cited">
    <xsl:text> </xsl:text>
    <xsl:for-each select="$findings">
      <xsl:value-of select="concat(normalize-space(@evidence), ' ')"/>
    </xsl:for-each>
  </xsl:variable>
  <xsl:variable name="uncited"
      select="$records[not(contains($cited, concat(' ', @id, ' ')))]
                      [not(@aspect = $judgements/@aspect)]"/>

  <xsl:template match="/">
    <xsl:variable name="warnings">
      <xsl:for-each select="$findings | $judgements">
        <xsl:variable name="p">
          <xsl:call-template name="polarity"/>
        </xsl:variable>
        <xsl:if test="$p != ''">x</xsl:if>
      </xsl:for-each>
    </xsl:variable>
    <xsl:call-template name="paper">
      <xsl:with-param name="title" select="'Evidence trace'"/>
      <xsl:with-param name="subject" select="'Evidence trace'"/>
      <xsl:with-param name="facts">
        <xsl:call-template name="fact">
          <xsl:with-param name="label" select="'Findings traced'"/>
          <xsl:with-param name="value">
            <xsl:call-template name="finding-counts"/>
          </xsl:with-param>
        </xsl:call-template>
        <xsl:if test="$judgements">
          <xsl:call-template name="fact">
            <xsl:with-param name="label" select="'Judgements traced'"/>
            <xsl:with-param name="value" select="count($judgements)"/>
          </xsl:call-template>
        </xsl:if>
        <xsl:call-template name="fact">
          <xsl:with-param name="label" select="'Evidence records'"/>
          <xsl:with-param name="value">
            <xsl:value-of select="count($records)"/>
            <xsl:text>, of which </xsl:text>
            <xsl:value-of select="count($uncited)"/>
            <xsl:text> not cited</xsl:text>
          </xsl:with-param>
        </xsl:call-template>
        <xsl:call-template name="fact">
          <xsl:with-param name="label" select="'Polarity warnings'"/>
          <xsl:with-param name="value">
            <xsl:value-of select="string-length($warnings)"/>
          </xsl:with-param>
        </xsl:call-template>
      </xsl:with-param>
      <xsl:with-param name="body">
        <p number="no">
          <xsl:text>Each finding as the inspectors wrote it, then the evidence records it cites. </xsl:text>
          <xsl:value-of select="$warn"/>
          <xsl:text> marks a finding whose records all point the other way: a strength that cites only practice needing development, or an </xsl:text>
          <xsl:call-template name="term-lower">
            <xsl:with-param name="one" select="true()"/>
          </xsl:call-template>
          <xsl:text> or area for priority action that cites only effective practice.</xsl:text>
        </p>
        <xsl:call-template name="group">
          <xsl:with-param name="heading" select="'Strengths'"/>
          <xsl:with-param name="items" select="$findings[self::strength]"/>
        </xsl:call-template>
        <xsl:call-template name="group">
          <xsl:with-param name="heading" select="$improvements-term"/>
          <xsl:with-param name="items" select="$findings[self::improvement]"/>
        </xsl:call-template>
        <xsl:call-template name="group">
          <xsl:with-param name="heading" select="'Areas for priority action'"/>
          <xsl:with-param name="items" select="$findings[self::priority-action]"/>
        </xsl:call-template>
        <xsl:call-template name="group">
          <xsl:with-param name="heading" select="'Case studies'"/>
          <xsl:with-param name="items" select="$findings[self::case-study]"/>
        </xsl:call-template>
        <xsl:if test="$judgements">
          <h2>Judgements</h2>
          <p number="no">
            <xsl:text>Each graded judgement with the records that name its aspect. </xsl:text>
            <xsl:value-of select="$warn"/>
            <xsl:text> marks a grade of good or better resting only on practice needing development, or an inadequate grade resting only on effective practice.</xsl:text>
          </p>
          <xsl:for-each select="$paper-rows">
            <xsl:apply-templates select="$judgements[@aspect = current()/@aspect]"
                                 mode="judgement"/>
          </xsl:for-each>
          <xsl:apply-templates select="$judgements[not(@aspect = $paper-rows/@aspect)]"
                               mode="judgement"/>
        </xsl:if>
        <h2>Evidence not cited by any finding</h2>
        <xsl:choose>
          <xsl:when test="$uncited">
            <p number="no" keep-with-next="yes">
              <xsl:value-of select="count($uncited)"/>
              <xsl:text> record</xsl:text>
              <xsl:if test="count($uncited) != 1">s</xsl:if>
              <xsl:text> that no finding cites</xsl:text>
              <xsl:if test="$judgements"> and that name no graded judgement</xsl:if>
              <xsl:text>: </xsl:text>
              <xsl:call-template name="ids-joined">
                <xsl:with-param name="nodes" select="$uncited"/>
              </xsl:call-template>
              <xsl:text>.</xsl:text>
            </p>
            <xsl:call-template name="record-table">
              <xsl:with-param name="nodes" select="$uncited"/>
            </xsl:call-template>
          </xsl:when>
          <xsl:otherwise>
            <p number="no">
              <xsl:text>None: every evidence record is cited by a finding</xsl:text>
              <xsl:if test="$judgements"> or names a graded judgement</xsl:if>
              <xsl:text>.</xsl:text>
            </p>
          </xsl:otherwise>
        </xsl:choose>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- "4 strengths, 4 areas for improvement, 1 area for priority action";
       kinds with none are left out. -->
  <xsl:template name="finding-counts">
    <xsl:variable name="s" select="count($findings[self::strength])"/>
    <xsl:variable name="i" select="count($findings[self::improvement])"/>
    <xsl:variable name="pa" select="count($findings[self::priority-action])"/>
    <xsl:variable name="cs" select="count($findings[self::case-study])"/>
    <xsl:variable name="parts">
      <xsl:if test="$s &gt; 0">
        <xsl:value-of select="concat(', ', $s, ' strength')"/>
        <xsl:if test="$s != 1">s</xsl:if>
      </xsl:if>
      <xsl:if test="$i &gt; 0">
        <xsl:value-of select="concat(', ', $i, ' ')"/>
        <xsl:call-template name="term-lower">
          <xsl:with-param name="one" select="$i = 1"/>
        </xsl:call-template>
      </xsl:if>
      <xsl:if test="$pa &gt; 0">
        <xsl:value-of select="concat(', ', $pa, ' area')"/>
        <xsl:if test="$pa != 1">s</xsl:if>
        <xsl:text> for priority action</xsl:text>
      </xsl:if>
      <xsl:if test="$cs &gt; 0">
        <xsl:value-of select="concat(', ', $cs, ' case stud')"/>
        <xsl:choose>
          <xsl:when test="$cs = 1">y</xsl:when>
          <xsl:otherwise>ies</xsl:otherwise>
        </xsl:choose>
      </xsl:if>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="$parts != ''"><xsl:value-of select="substring($parts, 3)"/></xsl:when>
      <xsl:otherwise>None</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- "areas for development", or "area for development" for one. -->
  <xsl:template name="term-lower">
    <xsl:param name="one"/>
    <xsl:variable name="t"
        select="concat(translate(substring($improvements-term, 1, 1), $upper, $lower),
                       substring($improvements-term, 2))"/>
    <xsl:choose>
      <xsl:when test="$one and starts-with($t, 'areas ')">
        <xsl:value-of select="concat('area ', substring-after($t, 'areas '))"/>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$t"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="group">
    <xsl:param name="heading"/>
    <xsl:param name="items"/>
    <xsl:if test="$items">
      <h2><xsl:value-of select="$heading"/></h2>
      <xsl:apply-templates select="$items" mode="finding"/>
    </xsl:if>
  </xsl:template>

  <!-- A warning when every record cited points the other way; empty
       otherwise. The context is a finding or a judgement. -->
  <xsl:template name="polarity">
    <xsl:variable name="list" select="concat(' ', normalize-space(@evidence), ' ')"/>
    <xsl:variable name="mine"
        select="$records[(current()/self::judgement and @aspect = current()/@aspect) or
                         (not(current()/self::judgement) and contains($list, concat(' ', @id, ' ')))]"/>
    <xsl:choose>
      <xsl:when test="not($mine)"/>
      <xsl:when test="self::strength and not($mine[@practice != 'development'])">
        <xsl:text>this strength cites only records of practice needing development.</xsl:text>
      </xsl:when>
      <xsl:when test="(self::improvement or self::priority-action) and
                      not($mine[@practice != 'effective'])">
        <xsl:text>this finding cites only records of effective practice.</xsl:text>
      </xsl:when>
      <xsl:when test="self::judgement and (@grade = 'good' or @grade = 'outstanding') and
                      not($mine[@practice != 'development'])">
        <xsl:text>graded </xsl:text>
        <xsl:value-of select="@grade"/>
        <xsl:text>, but every record names practice needing development.</xsl:text>
      </xsl:when>
      <xsl:when test="self::judgement and @grade = 'inadequate' and
                      not($mine[@practice != 'effective'])">
        <xsl:text>graded inadequate, but every record names effective practice.</xsl:text>
      </xsl:when>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="warning">
    <xsl:variable name="p">
      <xsl:call-template name="polarity"/>
    </xsl:variable>
    <xsl:if test="$p != ''">
      <p number="no" keep-with-next="yes">
        <b><xsl:value-of select="concat($warn, ' Polarity: ', $p)"/></b>
      </p>
    </xsl:if>
  </xsl:template>

  <xsl:template match="strength | improvement | priority-action | case-study" mode="finding">
    <xsl:variable name="list" select="concat(' ', normalize-space(@evidence), ' ')"/>
    <h3>
      <xsl:value-of select="@id"/>
      <xsl:if test="self::case-study">
        <xsl:value-of select="concat(': ', normalize-space(@title))"/>
      </xsl:if>
      <xsl:if test="normalize-space(@agencies) != ''">
        <xsl:text> (</xsl:text>
        <xsl:call-template name="agency-names">
          <xsl:with-param name="ids" select="@agencies"/>
        </xsl:call-template>
        <xsl:text>)</xsl:text>
      </xsl:if>
    </h3>
    <quote keep-together="yes" keep-with-next="yes"><markdown><xsl:value-of select="."/></markdown></quote>
    <xsl:call-template name="warning"/>
    <xsl:call-template name="record-table">
      <xsl:with-param name="nodes" select="$records[contains($list, concat(' ', @id, ' '))]"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="judgement" mode="judgement">
    <xsl:variable name="aspect" select="@aspect"/>
    <xsl:variable name="mine" select="$records[@aspect = $aspect]"/>
    <h3>
      <xsl:call-template name="aspect-label">
        <xsl:with-param name="aspect" select="@aspect"/>
      </xsl:call-template>
      <xsl:text>: </xsl:text>
      <xsl:call-template name="grade-word">
        <xsl:with-param name="g" select="@grade"/>
      </xsl:call-template>
    </h3>
    <quote keep-together="yes" keep-with-next="yes"><markdown><xsl:value-of select="."/></markdown></quote>
    <xsl:if test="@why">
      <p number="no"><i>Departs from a limiting judgement because: </i>
        <xsl:value-of select="normalize-space(@why)"/></p>
    </xsl:if>
    <xsl:call-template name="warning"/>
    <xsl:choose>
      <xsl:when test="$mine">
        <xsl:call-template name="record-table">
          <xsl:with-param name="nodes" select="$mine"/>
          <xsl:with-param name="show-aspect" select="false()"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <p number="no"><b><xsl:value-of select="$warn"/> No evidence record names this judgement.</b></p>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="*" mode="finding">
    <xsl:call-template name="unknown-element"/>
  </xsl:template>
  <xsl:template match="*" mode="judgement">
    <xsl:call-template name="unknown-element"/>
  </xsl:template>

</xsl:stylesheet>
