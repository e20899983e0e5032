<?xml version="1.0" encoding="UTF-8"?>
<!--
  overview.xsl: the joint overview of a round of inspections that share a
  deep dive theme ("We propose to publish a joint overview report after
  each round of inspections that share a specific deep dive theme",
  jtai-2015 proposals, paragraph 121), for findings overview.

  Input: the round (src/round.h): each checked inspection with its facts,
  its findings marked with the criteria of the evidence they cite
  (fd-criteria) and the types of the agencies they are about (fd-types).
  Parameters: the round's facts (round.h). Output: a document tree. The
  words are the framework's overview-data.xml and its overview-*.md.

  The report: the areas and their dates; the strengths and the areas for
  development or improvement, by evaluation criterion (ESN 01-22, then
  the deep dive's criteria) and by agency type; what recurs, in how many
  areas; the areas for priority action by agency type; the coverage of
  the criteria by the evidence across the round. A finding that cites
  evidence of several criteria is listed under each.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:import href="common.xsl"/>

  <xsl:output method="xml" encoding="UTF-8" indent="no"/>

  <xsl:param name="theme"/>
  <xsl:param name="inspectorates-short"/>

  <xsl:variable name="fw" select="/round/@framework"/>
  <xsl:variable name="data"
      select="document(concat('../', $fw, '/overview-data.xml'))/overview"/>
  <!-- A framework without criteria has no criteria.xml, and the sandbox
       refuses to read a file that is not there: read the data again. -->
  <xsl:variable name="criteria-file">
    <xsl:choose>
      <xsl:when test="$data/@criteria = 'yes'">criteria.xml</xsl:when>
      <xsl:otherwise>overview-data.xml</xsl:otherwise>
    </xsl:choose>
  </xsl:variable>
  <xsl:variable name="criteria"
      select="document(concat('../', $fw, '/', $criteria-file))/criteria/criterion"/>
  <xsl:variable name="members" select="/round/member"/>
  <xsl:variable name="count" select="count($members)"/>
  <xsl:variable name="letters" select="'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'"/>

  <!-- One deep dive record per criterion named in the round. -->
  <xsl:key name="dd" match="record[@esn = 'DD']" use="string(@criterion)"/>
  <xsl:variable name="dd"
      select="$members/inspection/evidence/record[@esn = 'DD']
              [generate-id() = generate-id(key('dd', string(@criterion))[1])]"/>

  <xsl:template match="/">
    <xsl:if test="not(round) or not($data)">
      <xsl:message terminate="yes">the overview needs a round of inspections and overview-data.xml</xsl:message>
    </xsl:if>
    <xsl:variable name="title">
      <xsl:apply-templates select="$data/title" mode="fill"/>
    </xsl:variable>
    <document>
      <meta>
        <title><xsl:value-of select="normalize-space($title)"/></title>
        <subject><xsl:value-of select="$data/@subject"/></subject>
        <author><xsl:value-of select="$inspectorates-short"/></author>
        <lang><xsl:value-of select="/round/@lang"/></lang>
        <keywords><xsl:value-of select="concat($data/@keywords, '; ', /round/@theme-ref)"/></keywords>
      </meta>
      <body>
        <h1><xsl:value-of select="normalize-space($title)"/></h1>
        <markdown src="{$data/@intro}"/>

        <h2><xsl:value-of select="$data/headings/@areas"/></h2>
        <xsl:call-template name="areas-table"/>

        <xsl:call-template name="by-criterion">
          <xsl:with-param name="kind" select="'strength'"/>
          <xsl:with-param name="heading" select="$data/headings/@strengths"/>
        </xsl:call-template>
        <xsl:call-template name="by-criterion">
          <xsl:with-param name="kind" select="'improvement'"/>
          <xsl:with-param name="heading" select="$data/headings/@improvements"/>
        </xsl:call-template>

        <h2><xsl:value-of select="$data/headings/@by-agency"/></h2>
        <markdown src="{$data/@by-agency}"/>
        <xsl:call-template name="agency-table"/>
        <xsl:for-each select="$data/types/type">
          <xsl:call-template name="agency-findings">
            <xsl:with-param name="type" select="@name"/>
            <xsl:with-param name="label" select="@label"/>
          </xsl:call-template>
        </xsl:for-each>

        <h2><xsl:value-of select="$data/headings/@recurs"/></h2>
        <xsl:call-template name="recurs"/>

        <h2><xsl:value-of select="$data/headings/@priority-actions"/></h2>
        <xsl:choose>
          <xsl:when test="$members/inspection/findings/priority-action[normalize-space()]">
            <xsl:for-each select="$data/types/type">
              <xsl:variable name="type" select="@name"/>
              <xsl:variable name="these"
                  select="$members/inspection/findings/priority-action[normalize-space()]
                          [contains(concat(' ', @fd-types, ' '), concat(' ', $type, ' '))]"/>
              <xsl:if test="$these">
                <h3><xsl:value-of select="@label"/></h3>
                <list>
                  <xsl:apply-templates select="$these" mode="item"/>
                </list>
              </xsl:if>
            </xsl:for-each>
          </xsl:when>
          <xsl:otherwise>
            <p><xsl:value-of select="$data/none/@priority-actions"/></p>
          </xsl:otherwise>
        </xsl:choose>

        <h2><xsl:value-of select="$data/headings/@coverage"/></h2>
        <xsl:call-template name="coverage"/>
      </body>
    </document>
  </xsl:template>

  <!-- ============================================================ -->

  <xsl:template name="fact">
    <xsl:param name="m"/>
    <xsl:param name="name"/>
    <xsl:value-of select="$m/facts/fact[@name = $name]"/>
  </xsl:template>

  <!-- "N" with the word that counts it: "1 area", "3 areas". -->
  <xsl:template name="areas-count">
    <xsl:param name="n"/>
    <xsl:value-of select="$n"/>
    <xsl:choose>
      <xsl:when test="$n = 1"><xsl:value-of select="concat(' ', $data/words/@area)"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="concat(' ', $data/words/@areas)"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="areas-table">
    <table caption="{$data/captions/@areas}">
      <col width="20%"/><col width="28%"/><col width="20%"/><col/>
      <thead>
        <tr>
          <th><xsl:value-of select="$data/columns/@area"/></th>
          <th><xsl:value-of select="$data/columns/@fieldwork"/></th>
          <th><xsl:value-of select="$data/columns/@published"/></th>
          <th><xsl:value-of select="$data/columns/@findings"/></th>
        </tr>
      </thead>
      <tbody>
        <xsl:for-each select="$members">
          <xsl:variable name="f" select="inspection/findings"/>
          <tr>
            <th><xsl:value-of select="facts/fact[@name = 'area']"/></th>
            <td>
              <xsl:value-of select="facts/fact[@name = 'fieldwork-start']"/>
              <xsl:if test="facts/fact[@name = 'fieldwork-end'] != facts/fact[@name = 'fieldwork-start']">
                <xsl:value-of select="concat(' ', $data/words/@to, ' ', facts/fact[@name = 'fieldwork-end'])"/>
              </xsl:if>
            </td>
            <td><xsl:value-of select="facts/fact[@name = 'publication-date']"/></td>
            <td>
              <xsl:for-each select="$data/counted/kind">
                <xsl:variable name="kind" select="@name"/>
                <xsl:variable name="n" select="count($f/*[local-name() = $kind][normalize-space()])"/>
                <xsl:if test="position() &gt; 1"><br/></xsl:if>
                <xsl:value-of select="concat($n, ' ')"/>
                <xsl:choose>
                  <xsl:when test="$n = 1"><xsl:value-of select="@one"/></xsl:when>
                  <xsl:otherwise><xsl:value-of select="@many"/></xsl:otherwise>
                </xsl:choose>
              </xsl:for-each>
            </td>
          </tr>
        </xsl:for-each>
      </tbody>
    </table>
  </xsl:template>

  <!-- The token a criterion or a deep dive record stands for: "04",
       "DD:identification", "DD". -->
  <xsl:template name="token">
    <xsl:param name="n"/>
    <xsl:value-of select="concat($n/@esn, substring(':', 1, string-length($n/@criterion)), $n/@criterion)"/>
  </xsl:template>

  <!-- How a criterion is named: "ESN 04: Timely and appropriate response
       to referrals", "Deep dive: risk management". -->
  <xsl:template name="label">
    <xsl:param name="n"/>
    <xsl:choose>
      <xsl:when test="$n/@esn = 'DD' and $n/@criterion">
        <xsl:value-of select="concat($data/words/@deep-dive, ': ', translate($n/@criterion, '-_', '  '))"/>
      </xsl:when>
      <xsl:when test="$n/@esn = 'DD'">
        <xsl:value-of select="$data/words/@deep-dive"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:value-of select="concat('ESN ', $n/@esn, ': ', $n/@short)"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Findings of one kind by criterion: the front door's in the order of
       criteria.xml, then the deep dive's in the order of their names. -->
  <xsl:template name="by-criterion">
    <xsl:param name="kind"/>
    <xsl:param name="heading"/>
    <xsl:variable name="all" select="$members/inspection/findings/*[local-name() = $kind][normalize-space()]"/>
    <h2><xsl:value-of select="$heading"/></h2>
    <xsl:choose>
      <xsl:when test="not($all)">
        <p><xsl:value-of select="$data/none/@findings"/></p>
      </xsl:when>
      <xsl:when test="not($criteria)">
        <p><xsl:value-of select="$data/none/@criteria"/></p>
        <list>
          <xsl:apply-templates select="$all" mode="item"/>
        </list>
      </xsl:when>
      <xsl:otherwise>
        <xsl:for-each select="$criteria | $dd">
          <xsl:sort select="number(boolean(self::record))" data-type="number"/>
          <xsl:sort select="@criterion"/>
          <xsl:variable name="t">
            <xsl:call-template name="token"><xsl:with-param name="n" select="."/></xsl:call-template>
          </xsl:variable>
          <xsl:variable name="these" select="$all[@fd-criterion = $t]"/>
          <xsl:if test="$these">
            <h3>
              <xsl:call-template name="label"><xsl:with-param name="n" select="."/></xsl:call-template>
              <xsl:value-of select="concat(' (', $data/words/@in, ' ')"/>
              <xsl:call-template name="areas-count">
                <xsl:with-param name="n" select="count($members[inspection/findings/*[count(. | $these) = count($these)]])"/>
              </xsl:call-template>
              <xsl:text>)</xsl:text>
            </h3>
            <list>
              <xsl:apply-templates select="$these" mode="item"/>
            </list>
          </xsl:if>
        </xsl:for-each>
        <xsl:variable name="none" select="$all[normalize-space(@fd-criterion) = '']"/>
        <xsl:if test="$none">
          <h3><xsl:value-of select="$data/words/@no-criterion"/></h3>
          <list>
            <xsl:apply-templates select="$none" mode="item"/>
          </list>
        </xsl:if>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- One finding as a list item, introduced by its area's name. -->
  <xsl:template match="strength | improvement | priority-action" mode="item">
    <xsl:variable name="area" select="ancestor::member/facts/fact[@name = 'area']"/>
    <xsl:variable name="text" select="string(.)"/>
    <item>
      <xsl:choose>
        <xsl:when test="contains($letters, substring(normalize-space($text), 1, 1))">
          <markdown>
            <xsl:text>**</xsl:text>
            <xsl:call-template name="md-escape"><xsl:with-param name="s" select="$area"/></xsl:call-template>
            <xsl:text>:** </xsl:text>
            <xsl:value-of select="$text"/>
          </markdown>
        </xsl:when>
        <xsl:otherwise>
          <b><xsl:value-of select="$area"/></b>
          <markdown><xsl:value-of select="$text"/></markdown>
        </xsl:otherwise>
      </xsl:choose>
    </item>
  </xsl:template>

  <xsl:template match="*" mode="item">
    <xsl:call-template name="unknown-element"/>
  </xsl:template>

  <!-- "2 in 2 areas" for findings of a kind about a type. -->
  <xsl:template name="type-cell">
    <xsl:param name="type"/>
    <xsl:param name="kind"/>
    <xsl:variable name="these"
        select="$members/inspection/findings/*[local-name() = $kind][normalize-space()]
                [contains(concat(' ', @fd-types, ' '), concat(' ', $type, ' '))]"/>
    <xsl:choose>
      <xsl:when test="$these">
        <xsl:value-of select="concat(count($these), ' ', $data/words/@in, ' ')"/>
        <xsl:call-template name="areas-count">
          <xsl:with-param name="n" select="count($members[inspection/findings/*[count(. | $these) = count($these)]])"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$data/words/@none"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="agency-table">
    <table caption="{$data/captions/@agencies}">
      <col width="31%"/><col/><col/><col/>
      <thead>
        <tr>
          <th><xsl:value-of select="$data/columns/@type"/></th>
          <th><xsl:value-of select="$data/headings/@strengths"/></th>
          <th><xsl:value-of select="$data/headings/@improvements"/></th>
          <th><xsl:value-of select="$data/headings/@priority-actions"/></th>
        </tr>
      </thead>
      <tbody>
        <xsl:for-each select="$data/types/type">
          <xsl:variable name="type" select="@name"/>
          <xsl:if test="$members/inspection/findings/*[contains(concat(' ', @fd-types, ' '), concat(' ', $type, ' '))]">
            <tr>
              <th><xsl:value-of select="@label"/></th>
              <td><xsl:call-template name="type-cell"><xsl:with-param name="type" select="$type"/><xsl:with-param name="kind" select="'strength'"/></xsl:call-template></td>
              <td><xsl:call-template name="type-cell"><xsl:with-param name="type" select="$type"/><xsl:with-param name="kind" select="'improvement'"/></xsl:call-template></td>
              <td><xsl:call-template name="type-cell"><xsl:with-param name="type" select="$type"/><xsl:with-param name="kind" select="'priority-action'"/></xsl:call-template></td>
            </tr>
          </xsl:if>
        </xsl:for-each>
      </tbody>
    </table>
  </xsl:template>

  <!-- The strengths and areas for development of one agency type, each
       by its area and its first sentence (the text is listed in full by
       criterion above). -->
  <xsl:template name="agency-findings">
    <xsl:param name="type"/>
    <xsl:param name="label"/>
    <xsl:variable name="s" select="$members/inspection/findings/strength[normalize-space()]
                                   [contains(concat(' ', @fd-types, ' '), concat(' ', $type, ' '))]"/>
    <xsl:variable name="i" select="$members/inspection/findings/improvement[normalize-space()]
                                   [contains(concat(' ', @fd-types, ' '), concat(' ', $type, ' '))]"/>
    <xsl:if test="$s | $i">
      <h3><xsl:value-of select="$label"/></h3>
      <xsl:if test="$s">
        <p keep-with-next="yes"><b><xsl:value-of select="$data/headings/@strengths"/></b></p>
        <list><xsl:apply-templates select="$s" mode="brief"/></list>
      </xsl:if>
      <xsl:if test="$i">
        <p keep-with-next="yes"><b><xsl:value-of select="$data/headings/@improvements"/></b></p>
        <list><xsl:apply-templates select="$i" mode="brief"/></list>
      </xsl:if>
    </xsl:if>
  </xsl:template>

  <!-- A finding by its area and its first sentence, as plain text (its
       Markdown marks are left as they are written; the full text is
       Markdown above). -->
  <xsl:template match="strength | improvement" mode="brief">
    <xsl:variable name="text" select="normalize-space(.)"/>
    <item>
      <b><xsl:value-of select="concat(ancestor::member/facts/fact[@name = 'area'], ': ')"/></b>
      <xsl:choose>
        <xsl:when test="contains($text, '. ')">
          <xsl:value-of select="concat(substring-before($text, '. '), '.')"/>
        </xsl:when>
        <xsl:otherwise><xsl:value-of select="$text"/></xsl:otherwise>
      </xsl:choose>
    </item>
  </xsl:template>

  <xsl:template match="*" mode="brief">
    <xsl:call-template name="unknown-element"/>
  </xsl:template>

  <!-- The areas whose findings of a kind bear on a criterion: "2 areas:
       A and B", or the word for none. -->
  <xsl:template name="recur-cell">
    <xsl:param name="t"/>
    <xsl:param name="kind"/>
    <xsl:variable name="in"
        select="$members[inspection/findings/*[local-name() = $kind][normalize-space()]
                [contains(concat(' ', @fd-criteria, ' '), concat(' ', $t, ' '))]]"/>
    <xsl:choose>
      <xsl:when test="$in">
        <xsl:call-template name="areas-count"><xsl:with-param name="n" select="count($in)"/></xsl:call-template>
        <xsl:text>: </xsl:text>
        <xsl:call-template name="join">
          <xsl:with-param name="items" select="$in/facts/fact[@name = 'area']"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$data/words/@none"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- What recurs: each criterion with findings in two areas or more,
       the most widespread first; then each agency type likewise. -->
  <xsl:template name="recurs">
    <xsl:variable name="found" select="$members/inspection/findings/*[self::strength or self::improvement][normalize-space()]"/>
    <markdown src="{$data/@recurs}"/>
    <xsl:choose>
      <xsl:when test="$count &lt; 2">
        <p><xsl:value-of select="$data/none/@round-of-one"/></p>
      </xsl:when>
      <xsl:otherwise>
        <table caption="{$data/captions/@recurs}">
          <col width="34%"/><col/><col/>
          <thead>
            <tr>
              <th><xsl:value-of select="$data/columns/@criterion"/></th>
              <th><xsl:value-of select="$data/headings/@strengths"/></th>
              <th><xsl:value-of select="$data/headings/@improvements"/></th>
            </tr>
          </thead>
          <tbody>
            <xsl:variable name="rows">
              <xsl:for-each select="$criteria | $dd">
                <xsl:variable name="t">
                  <xsl:call-template name="token"><xsl:with-param name="n" select="."/></xsl:call-template>
                </xsl:variable>
                <xsl:variable name="n"
                    select="count($members[inspection/findings/*[self::strength or self::improvement][normalize-space()]
                            [contains(concat(' ', @fd-criteria, ' '), concat(' ', $t, ' '))]])"/>
                <xsl:if test="$n &gt;= 2">x</xsl:if>
              </xsl:for-each>
            </xsl:variable>
            <xsl:for-each select="$criteria | $dd">
              <!-- The most widespread first: areas with strengths
                   and areas with areas for development about it. -->
              <xsl:sort select="count($members[inspection/findings/strength[normalize-space()]
                                [contains(concat(' ', @fd-criteria, ' '),
                                          concat(' ', current()/@esn, substring(':', 1, string-length(current()/@criterion)), current()/@criterion, ' '))]])
                              + count($members[inspection/findings/improvement[normalize-space()]
                                [contains(concat(' ', @fd-criteria, ' '),
                                          concat(' ', current()/@esn, substring(':', 1, string-length(current()/@criterion)), current()/@criterion, ' '))]])"
                        data-type="number" order="descending"/>
              <xsl:sort select="number(boolean(self::record))" data-type="number"/>
              <xsl:sort select="@criterion"/>
              <xsl:variable name="t">
                <xsl:call-template name="token"><xsl:with-param name="n" select="."/></xsl:call-template>
              </xsl:variable>
              <xsl:variable name="n"
                  select="count($members[inspection/findings/*[self::strength or self::improvement][normalize-space()]
                          [contains(concat(' ', @fd-criteria, ' '), concat(' ', $t, ' '))]])"/>
              <xsl:if test="$n &gt;= 2">
                <tr>
                  <th><xsl:call-template name="label"><xsl:with-param name="n" select="."/></xsl:call-template></th>
                  <td><xsl:call-template name="recur-cell"><xsl:with-param name="t" select="$t"/><xsl:with-param name="kind" select="'strength'"/></xsl:call-template></td>
                  <td><xsl:call-template name="recur-cell"><xsl:with-param name="t" select="$t"/><xsl:with-param name="kind" select="'improvement'"/></xsl:call-template></td>
                </tr>
              </xsl:if>
            </xsl:for-each>
            <xsl:if test="string($rows) = ''">
              <tr><td colspan="3"><xsl:value-of select="$data/none/@recurs"/></td></tr>
            </xsl:if>
          </tbody>
        </table>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Coverage: for each criterion, the areas whose evidence records it
       and the records, effective and needing development; a criterion no
       area recorded is marked. -->
  <xsl:template name="coverage">
    <xsl:variable name="records" select="$members/inspection/evidence/record"/>
    <markdown src="{$data/@coverage}"/>
    <table caption="{$data/captions/@coverage}">
      <col width="32%"/><col/><col/><col/><col/>
      <thead>
        <tr>
          <th>
            <xsl:choose>
              <xsl:when test="$criteria"><xsl:value-of select="$data/columns/@criterion"/></xsl:when>
              <xsl:otherwise><xsl:value-of select="$data/columns/@type"/></xsl:otherwise>
            </xsl:choose>
          </th>
          <th><xsl:value-of select="$data/columns/@areas-with"/></th>
          <th><xsl:value-of select="$data/columns/@records"/></th>
          <th><xsl:value-of select="$data/columns/@effective"/></th>
          <th><xsl:value-of select="$data/columns/@development"/></th>
        </tr>
      </thead>
      <tbody>
        <xsl:choose>
          <xsl:when test="$criteria">
            <xsl:for-each select="$criteria | $dd">
              <xsl:sort select="number(boolean(self::record))" data-type="number"/>
              <xsl:sort select="@criterion"/>
              <xsl:variable name="esn" select="string(@esn)"/>
              <xsl:variable name="crit" select="string(@criterion)"/>
              <xsl:variable name="these" select="$records[@esn = $esn][$esn != 'DD' or string(@criterion) = $crit]"/>
              <tr>
                <th><xsl:call-template name="label"><xsl:with-param name="n" select="."/></xsl:call-template></th>
                <xsl:call-template name="coverage-cells"><xsl:with-param name="these" select="$these"/></xsl:call-template>
              </tr>
            </xsl:for-each>
          </xsl:when>
          <xsl:otherwise>
            <xsl:for-each select="$data/types/type[@name != 'partnership']">
              <xsl:variable name="type" select="@name"/>
              <xsl:variable name="these" select="$records[@agency = ../../agencies/agency[@type = $type]/@id]"/>
              <xsl:if test="$these or $members/inspection/agencies/agency[@type = $type]">
                <tr>
                  <th><xsl:value-of select="@label"/></th>
                  <xsl:call-template name="coverage-cells"><xsl:with-param name="these" select="$these"/></xsl:call-template>
                </tr>
              </xsl:if>
            </xsl:for-each>
          </xsl:otherwise>
        </xsl:choose>
      </tbody>
    </table>
  </xsl:template>

  <xsl:template name="coverage-cells">
    <xsl:param name="these"/>
    <xsl:variable name="areas" select="count($members[inspection/evidence/record[count(. | $these) = count($these)]])"/>
    <td>
      <xsl:choose>
        <xsl:when test="$areas = 0"><b><xsl:value-of select="$data/words/@gap"/></b></xsl:when>
        <xsl:otherwise><xsl:value-of select="concat($areas, ' ', $data/words/@of, ' ', $count)"/></xsl:otherwise>
      </xsl:choose>
    </td>
    <td><xsl:value-of select="count($these)"/></td>
    <td><xsl:value-of select="count($these[@practice = 'effective'])"/></td>
    <td><xsl:value-of select="count($these[@practice = 'development'])"/></td>
  </xsl:template>

  <!-- Title text: <theme/> is the fact, after "the multi-agency response
       to", which a theme written in full (jtai-2019's "the multi-agency
       response to child sexual abuse ...") must not say twice. -->
  <xsl:template match="text()" mode="fill">
    <xsl:value-of select="."/>
  </xsl:template>
  <xsl:template match="theme" mode="fill">
    <xsl:variable name="said" select="'the multi-agency response to '"/>
    <xsl:choose>
      <xsl:when test="starts-with($theme, $said)">
        <xsl:value-of select="substring-after($theme, $said)"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:value-of select="$theme"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>
  <xsl:template match="*" mode="fill">
    <xsl:apply-templates mode="fill"/>
  </xsl:template>

</xsl:stylesheet>
