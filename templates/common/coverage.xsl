<?xml version="1.0" encoding="UTF-8"?>
<!--
  coverage.xsl: the coverage of the evidence, a QA working paper
  (findings render -\-doc coverage): what the evidence records cover and
  where there is none.

  templates/<framework>/coverage.xsl imports this file and sets
  $coverage-of:
    'esn'     the evaluation criteria of the front door, ESN 01 to 22
              ($criteria: the framework's criteria.xml), each with its
              records, effective and development counts and a gap mark
              where there is no evidence; then the deep dive records (DD)
              grouped by the theme's criterion
    'aspect'  slac-2009: the rows of the graded report (rules.xml), each
              with its grade and the records that name it (record/@aspect)
    'agency'  jtai-2015, which has no evaluation schedule numbers: the
              evidence by agency and practice only
  Every paper then shows the evidence by agency and by inspector.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:import href="paper.xsl"/>

  <xsl:variable name="coverage-of" select="'agency'"/>
  <xsl:variable name="criteria" select="/.."/>

  <xsl:variable name="front" select="$records[@esn and @esn != 'DD']"/>
  <xsl:variable name="deep" select="$records[@esn = 'DD']"/>
  <xsl:variable name="gaps"
      select="$criteria[not(@esn = $front/@esn)]"/>
  <xsl:variable name="judgements" select="/inspection/judgements/judgement"/>
  <xsl:variable name="aspect-gaps"
      select="$paper-rows[not(@optional = 'yes')][not(@aspect = $records/@aspect)]"/>

  <xsl:template match="/">
    <xsl:if test="$coverage-of = 'esn' and count($criteria) != 22">
      <xsl:message terminate="yes">the coverage needs the 22 evaluation criteria (criteria.xml)</xsl:message>
    </xsl:if>
    <xsl:call-template name="paper">
      <xsl:with-param name="title">
        <xsl:choose>
          <xsl:when test="$coverage-of = 'esn'">Coverage of the evaluation criteria</xsl:when>
          <xsl:when test="$coverage-of = 'aspect'">Coverage of the graded judgements</xsl:when>
          <xsl:otherwise>Coverage of the evidence</xsl:otherwise>
        </xsl:choose>
      </xsl:with-param>
      <xsl:with-param name="subject" select="'Evidence coverage'"/>
      <xsl:with-param name="facts">
        <xsl:call-template name="facts"/>
      </xsl:with-param>
      <xsl:with-param name="body">
        <xsl:choose>
          <xsl:when test="$coverage-of = 'esn'">
            <xsl:call-template name="esn-table"/>
            <xsl:call-template name="deep-dive"/>
          </xsl:when>
          <xsl:when test="$coverage-of = 'aspect'">
            <xsl:call-template name="aspect-tables"/>
          </xsl:when>
          <xsl:otherwise>
            <p number="no">This framework has no evaluation schedule numbers, so the evidence is shown by the agency it is about and by the inspector who recorded it.</p>
          </xsl:otherwise>
        </xsl:choose>
        <xsl:call-template name="by-agency"/>
        <xsl:call-template name="by-inspector"/>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <xsl:template name="facts">
    <xsl:call-template name="fact">
      <xsl:with-param name="label" select="'Evidence records'"/>
      <xsl:with-param name="value">
        <xsl:value-of select="count($records)"/>
        <xsl:text> (</xsl:text>
        <xsl:call-template name="practice-counts">
          <xsl:with-param name="nodes" select="$records"/>
        </xsl:call-template>
        <xsl:text>)</xsl:text>
      </xsl:with-param>
    </xsl:call-template>
    <xsl:if test="$coverage-of = 'esn'">
      <xsl:call-template name="fact">
        <xsl:with-param name="label" select="'Front door, ESN 01–22'"/>
        <xsl:with-param name="value">
          <xsl:variable name="n" select="22 - count($gaps)"/>
          <xsl:value-of select="concat(count($front), ' record',
              substring('s', 1, number(count($front) != 1)), '; ',
              $n, ' of 22 criteria ', substring('has', 1, 3 * ($n = 1)),
              substring('have', 1, 4 * ($n != 1)), ' evidence')"/>
        </xsl:with-param>
      </xsl:call-template>
      <xsl:call-template name="fact">
        <xsl:with-param name="label" select="'Deep dive'"/>
        <xsl:with-param name="value" select="concat(count($deep), ' record',
            substring('s', 1, number(count($deep) != 1)))"/>
      </xsl:call-template>
      <xsl:call-template name="fact">
        <xsl:with-param name="label" select="'Gaps'"/>
        <xsl:with-param name="value">
          <xsl:choose>
            <xsl:when test="$gaps">
              <b>
                <xsl:value-of select="concat($warn, ' ESN ')"/>
                <xsl:call-template name="join">
                  <xsl:with-param name="items" select="$gaps/@esn"/>
                </xsl:call-template>
                <xsl:text>: no evidence</xsl:text>
              </b>
            </xsl:when>
            <xsl:otherwise>None</xsl:otherwise>
          </xsl:choose>
        </xsl:with-param>
      </xsl:call-template>
    </xsl:if>
    <xsl:if test="$coverage-of = 'aspect'">
      <xsl:call-template name="fact">
        <xsl:with-param name="label" select="'Graded rows'"/>
        <xsl:with-param name="value">
          <xsl:variable name="rows" select="$paper-rows[not(@optional = 'yes')]"/>
          <xsl:value-of select="concat(count($rows) - count($aspect-gaps), ' of ',
              count($rows), ' have evidence')"/>
        </xsl:with-param>
      </xsl:call-template>
      <xsl:call-template name="fact">
        <xsl:with-param name="label" select="'Gaps'"/>
        <xsl:with-param name="value">
          <xsl:choose>
            <xsl:when test="$aspect-gaps">
              <b>
                <xsl:value-of select="concat($warn, ' ', count($aspect-gaps))"/>
                <xsl:text> graded row</xsl:text>
                <xsl:if test="count($aspect-gaps) != 1">s</xsl:if>
                <xsl:text> with no evidence record</xsl:text>
              </b>
            </xsl:when>
            <xsl:otherwise>None</xsl:otherwise>
          </xsl:choose>
        </xsl:with-param>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- "12 effective, 7 development" -->
  <xsl:template name="practice-counts">
    <xsl:param name="nodes"/>
    <xsl:value-of select="concat(count($nodes[@practice = 'effective']), ' effective, ',
                                 count($nodes[@practice = 'development']), ' development')"/>
  </xsl:template>

  <!-- The cells every coverage row ends with: the counts and the
       records, or the gap mark. -->
  <xsl:template name="count-cells">
    <xsl:param name="nodes"/>
    <xsl:param name="gap" select="'Gap: no evidence'"/>
    <xsl:choose>
      <xsl:when test="$nodes">
        <td><xsl:value-of select="count($nodes)"/></td>
        <td><xsl:value-of select="count($nodes[@practice = 'effective'])"/></td>
        <td><xsl:value-of select="count($nodes[@practice = 'development'])"/></td>
        <td>
          <xsl:call-template name="ids-joined">
            <xsl:with-param name="nodes" select="$nodes"/>
          </xsl:call-template>
        </td>
      </xsl:when>
      <xsl:otherwise>
        <td><b>0</b></td>
        <td><b>0</b></td>
        <td><b>0</b></td>
        <td><b><xsl:value-of select="concat($warn, ' ', $gap)"/></b></td>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="count-head">
    <xsl:param name="first"/>
    <thead>
      <tr>
        <xsl:copy-of select="$first"/>
        <th>Total</th><th>Effective</th><th>Development</th><th>Records</th>
      </tr>
    </thead>
  </xsl:template>

  <xsl:template name="count-cols">
    <xsl:param name="records" select="'18%'"/>
    <col width="9%"/><col width="14%"/><col width="18%"/><col width="{$records}"/>
  </xsl:template>

  <!-- ESN 01-22 -->
  <xsl:template name="esn-table">
    <h2>The multi-agency front door: ESN 01–22</h2>
    <table>
      <col width="9%"/><col/>
      <xsl:call-template name="count-cols"/>
      <xsl:call-template name="count-head">
        <xsl:with-param name="first">
          <th>ESN</th><th>Criterion</th>
        </xsl:with-param>
      </xsl:call-template>
      <tbody>
        <xsl:for-each select="$criteria">
          <xsl:variable name="esn" select="@esn"/>
          <tr>
            <td><xsl:value-of select="$esn"/></td>
            <td><xsl:value-of select="@short"/></td>
            <xsl:call-template name="count-cells">
              <xsl:with-param name="nodes" select="$front[@esn = $esn]"/>
            </xsl:call-template>
          </tr>
        </xsl:for-each>
      </tbody>
    </table>
  </xsl:template>

  <!-- The deep dive records, by the theme's criterion, in the order each
       criterion first appears. -->
  <xsl:template name="deep-dive">
    <h2>
      <xsl:text>Deep dive</xsl:text>
      <xsl:if test="normalize-space($root/theme) != ''">
        <xsl:value-of select="concat(': ', normalize-space($root/theme))"/>
      </xsl:if>
    </h2>
    <xsl:choose>
      <xsl:when test="$deep">
        <table>
          <col/>
          <xsl:call-template name="count-cols"/>
          <xsl:call-template name="count-head">
            <xsl:with-param name="first"><th>Criterion</th></xsl:with-param>
          </xsl:call-template>
          <tbody>
            <xsl:for-each select="$deep[@criterion][not(@criterion = preceding-sibling::record[@esn = 'DD']/@criterion)]">
              <xsl:variable name="c" select="@criterion"/>
              <tr>
                <td>
                  <xsl:call-template name="criterion-words">
                    <xsl:with-param name="c" select="$c"/>
                  </xsl:call-template>
                </td>
                <xsl:call-template name="count-cells">
                  <xsl:with-param name="nodes" select="$deep[@criterion = $c]"/>
                </xsl:call-template>
              </tr>
            </xsl:for-each>
            <xsl:if test="$deep[not(@criterion)]">
              <tr>
                <td><i>No criterion named</i></td>
                <xsl:call-template name="count-cells">
                  <xsl:with-param name="nodes" select="$deep[not(@criterion)]"/>
                </xsl:call-template>
              </tr>
            </xsl:if>
          </tbody>
        </table>
      </xsl:when>
      <xsl:otherwise>
        <p number="no"><b><xsl:value-of select="$warn"/> No deep dive records.</b></p>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- slac-2009: the rows of the report, by section, with their grades. -->
  <xsl:template name="aspect-tables">
    <xsl:call-template name="aspect-table">
      <xsl:with-param name="title" select="'Safeguarding services'"/>
      <xsl:with-param name="prefix" select="'safeguarding/'"/>
    </xsl:call-template>
    <xsl:call-template name="aspect-table">
      <xsl:with-param name="title" select="'Services for looked after children'"/>
      <xsl:with-param name="prefix" select="'looked-after/'"/>
    </xsl:call-template>
    <xsl:variable name="none" select="$records[not(@aspect)]"/>
    <xsl:variable name="unknown"
        select="$records[@aspect][not(@aspect = $paper-rows/@aspect)]"/>
    <h2>Records that name no graded row</h2>
    <xsl:choose>
      <xsl:when test="$none | $unknown">
        <p number="no">
          <xsl:call-template name="ids-joined">
            <xsl:with-param name="nodes" select="$none | $unknown"/>
          </xsl:call-template>
        </p>
      </xsl:when>
      <xsl:otherwise>
        <p number="no">None: every record names the judgement it bears on.</p>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="aspect-table">
    <xsl:param name="title"/>
    <xsl:param name="prefix"/>
    <h2><xsl:value-of select="$title"/></h2>
    <table>
      <col/><col width="17%"/>
      <col width="9%"/><col width="14%"/><col width="18%"/><col width="13%"/>
      <xsl:call-template name="count-head">
        <xsl:with-param name="first"><th>Judgement</th><th>Grade</th></xsl:with-param>
      </xsl:call-template>
      <tbody>
        <xsl:for-each select="$paper-rows[starts-with(@aspect, $prefix)]">
          <xsl:variable name="aspect" select="@aspect"/>
          <xsl:variable name="label" select="substring-after(normalize-space(.), ': ')"/>
          <xsl:variable name="j" select="$judgements[@aspect = $aspect]"/>
          <tr>
            <td>
              <xsl:value-of select="concat(translate(substring($label, 1, 1), $lower, $upper),
                                           substring($label, 2))"/>
              <xsl:if test="@optional = 'yes'"> (graded in the schedule, not a row of the report)</xsl:if>
            </td>
            <td>
              <xsl:choose>
                <xsl:when test="$j">
                  <xsl:call-template name="grade-word">
                    <xsl:with-param name="g" select="$j/@grade"/>
                  </xsl:call-template>
                </xsl:when>
                <xsl:otherwise><i>Not graded</i></xsl:otherwise>
              </xsl:choose>
            </td>
            <xsl:call-template name="count-cells">
              <xsl:with-param name="nodes" select="$records[@aspect = $aspect]"/>
              <xsl:with-param name="gap" select="'Gap'"/>
            </xsl:call-template>
          </tr>
        </xsl:for-each>
      </tbody>
    </table>
  </xsl:template>

  <!-- Every agency, with the records about it. -->
  <xsl:template name="by-agency">
    <h2>Evidence by agency</h2>
    <table>
      <col/>
      <xsl:call-template name="count-cols">
        <xsl:with-param name="records" select="'27%'"/>
      </xsl:call-template>
      <xsl:call-template name="count-head">
        <xsl:with-param name="first"><th>Agency</th></xsl:with-param>
      </xsl:call-template>
      <tbody>
        <xsl:for-each select="$root/agencies/agency">
          <xsl:variable name="id" select="@id"/>
          <tr>
            <td><xsl:value-of select="normalize-space(@name)"/></td>
            <xsl:call-template name="count-cells">
              <xsl:with-param name="nodes" select="$records[@agency = $id]"/>
              <xsl:with-param name="gap" select="'No evidence'"/>
            </xsl:call-template>
          </tr>
        </xsl:for-each>
      </tbody>
    </table>
  </xsl:template>

  <!-- The members of the team who recorded evidence (the QA manager and
       analysts only when they did). -->
  <xsl:template name="by-inspector">
    <h2>Evidence by inspector</h2>
    <table>
      <col/>
      <xsl:call-template name="count-cols">
        <xsl:with-param name="records" select="'27%'"/>
      </xsl:call-template>
      <xsl:call-template name="count-head">
        <xsl:with-param name="first"><th>Inspector</th></xsl:with-param>
      </xsl:call-template>
      <tbody>
        <xsl:for-each select="$root/team/member[@role = 'lead-inspector' or @role = 'inspector'
                                                or @id = $records/@by]">
          <xsl:variable name="id" select="@id"/>
          <tr>
            <td>
              <xsl:call-template name="member-full">
                <xsl:with-param name="id" select="$id"/>
              </xsl:call-template>
            </td>
            <xsl:call-template name="count-cells">
              <xsl:with-param name="nodes" select="$records[@by = $id]"/>
              <xsl:with-param name="gap" select="'None recorded'"/>
            </xsl:call-template>
          </tr>
        </xsl:for-each>
      </tbody>
    </table>
  </xsl:template>

</xsl:stylesheet>
