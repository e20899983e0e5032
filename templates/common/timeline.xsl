<?xml version="1.0" encoding="UTF-8"?>
<!--
  timeline.xsl: an inspection's timeline as a document tree
  (docs/document-tree.md), for findings render -\-doc timeline.

  Shared by every framework: each templates/<framework>/timeline.xsl
  imports this file, and the framework's schedule is data, read here from
  templates/<framework>/timeline.xml. Dates are counted with
  fd:add-working-days on the inspection's own calendar (its division's
  bank holidays and its <non-working> days), from <calendar notified="">,
  the same arithmetic as findings timeline. The days not worked are listed
  from templates/calendars/<division>.xml and the inspection's closures.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:fd="urn:findings:xslt"
    exclude-result-prefixes="fd">

  <xsl:include href="complaints-timeline.xsl"/>

  <xsl:output method="xml" encoding="UTF-8" indent="no"/>

  <!-- Facts (src/facts.h): each milestone's planned and actual dates,
       " N=PLANNED-FIRST,PLANNED-LAST,FIRST,LAST,RR" for the Nth milestone
       of timeline.xml (R where the first or last date is a recorded one,
       - where it is planned), and how many dates are recorded. The
       arithmetic is done once, in C, where calendar/actual is read. -->
  <xsl:param name="timeline-dates"/>
  <xsl:param name="timeline-recorded" select="'0'"/>
  <xsl:variable name="recorded" select="number($timeline-recorded) &gt; 0"/>

  <xsl:variable name="inspection" select="/inspection"/>
  <xsl:variable name="notified" select="/inspection/calendar/@notified"/>
  <xsl:variable name="division">
    <xsl:choose>
      <xsl:when test="/inspection/calendar/@holidays">
        <xsl:value-of select="/inspection/calendar/@holidays"/>
      </xsl:when>
      <xsl:otherwise>england-and-wales</xsl:otherwise>
    </xsl:choose>
  </xsl:variable>
  <xsl:variable name="timeline"
      select="document(concat('../', /inspection/@framework, '/timeline.xml'))/timeline"/>
  <xsl:variable name="nday" select="number($timeline/@notification-day)"/>
  <!-- The framework's name, or its variant's (inspection/@variant). -->
  <xsl:variable name="named"
      select="($timeline | $timeline/variant[@name = $inspection/@variant])[last()]"/>
  <!-- holidays="none" has no file: read one that exists and take none of it. -->
  <xsl:variable name="calendar-file">
    <xsl:choose>
      <xsl:when test="$division = 'none'">england-and-wales</xsl:when>
      <xsl:otherwise><xsl:value-of select="$division"/></xsl:otherwise>
    </xsl:choose>
  </xsl:variable>
  <xsl:variable name="calendar"
      select="document(concat('../calendars/', $calendar-file, '.xml'))/calendar[$division != 'none']"/>
  <xsl:variable name="area" select="normalize-space(/inspection/area)"/>
  <xsl:variable name="ndash" select="'&#8211;'"/>

  <xsl:template match="/">
    <xsl:if test="not($timeline)">
      <xsl:message terminate="yes">no timeline.xml for framework <xsl:value-of select="/inspection/@framework"/></xsl:message>
    </xsl:if>
    <document>
      <meta>
        <title><xsl:value-of select="concat($named/@title, ' in ', $area, ': timeline')"/></title>
        <subject>Inspection timeline</subject>
        <author>Ofsted</author>
        <lang>
          <xsl:choose>
            <xsl:when test="/inspection/@lang"><xsl:value-of select="/inspection/@lang"/></xsl:when>
            <xsl:otherwise>en-GB</xsl:otherwise>
          </xsl:choose>
        </lang>
        <keywords><xsl:value-of select="concat($named/@short, '; timeline; ', /inspection/@ref)"/></keywords>
      </meta>
      <page marking="OFFICIAL-SENSITIVE" footer="{/inspection/@ref}"/>
      <body>
        <h1><xsl:value-of select="concat($named/@title, ' in ', $area, ': timeline')"/></h1>
        <p number="no">
          <xsl:value-of select="concat('Notified on ', fd:weekday($notified), ' ', fd:date($notified), ', working day ', $nday, ' of the framework. ')"/>
          <xsl:call-template name="skipped-sentence"/>
        </p>
        <table>
          <xsl:choose>
            <xsl:when test="$recorded">
              <col width="9%"/><col width="21%"/><col width="21%"/><col width="2*"/><col width="1*"/>
              <thead>
                <tr><th>Day</th><th>Planned</th><th>Actual</th><th>Milestone</th><th>Who</th></tr>
              </thead>
            </xsl:when>
            <xsl:otherwise>
              <col width="11%"/><col width="27%"/><col width="2*"/><col width="1*"/>
              <thead>
                <tr><th>Day</th><th>Date</th><th>Milestone</th><th>Who</th></tr>
              </thead>
            </xsl:otherwise>
          </xsl:choose>
          <tbody>
            <xsl:apply-templates select="$timeline/*[not(self::variant)]" mode="row"/>
          </tbody>
        </table>
        <xsl:call-template name="days-not-worked"/>
        <xsl:call-template name="complaint-milestones"/>
      </body>
    </document>
  </xsl:template>

  <!-- "Working days skip weekends, England and Wales bank holidays and
       1 day closed for this inspection." -->
  <xsl:template name="skipped-sentence">
    <xsl:variable name="closed" select="count($inspection/calendar/non-working[not(fd:weekday(@date) = 'Saturday' or fd:weekday(@date) = 'Sunday')][not(@date = $calendar/holiday/@date)][not(@date = preceding-sibling::non-working/@date)])"/>
    <xsl:text>Working days skip weekends</xsl:text>
    <xsl:if test="$calendar">
      <xsl:choose>
        <xsl:when test="$closed &gt; 0">, </xsl:when>
        <xsl:otherwise> and </xsl:otherwise>
      </xsl:choose>
      <xsl:value-of select="concat($calendar/@name, ' bank holidays')"/>
    </xsl:if>
    <xsl:if test="$closed &gt; 0">
      <xsl:value-of select="concat(' and ', $closed, ' day')"/>
      <xsl:if test="$closed != 1">s</xsl:if>
      <xsl:text> closed for this inspection</xsl:text>
    </xsl:if>
    <xsl:text>.</xsl:text>
  </xsl:template>

  <!-- A milestone's dates from $timeline-dates: field 1 the planned
       first date, 2 the planned last, 3 the first, 4 the last, 5 the
       flags. -->
  <xsl:template name="dates-of">
    <xsl:param name="m"/>
    <xsl:param name="field"/>
    <xsl:variable name="n" select="count($m/preceding-sibling::milestone) + 1"/>
    <xsl:variable name="r" select="substring-after($timeline-dates, concat(' ', $n, '='))"/>
    <xsl:if test="$r = ''">
      <xsl:message terminate="yes">no dates for milestone <xsl:value-of select="$n"/> (the timeline-dates fact)</xsl:message>
    </xsl:if>
    <xsl:value-of select="substring($r, 11 * ($field - 1) + 1, 10 - 8 * ($field = 5))"/>
  </xsl:template>

  <!-- The first date of a milestone, as it happened or is now planned. -->
  <xsl:template name="first-date">
    <xsl:param name="m"/>
    <xsl:call-template name="dates-of">
      <xsl:with-param name="m" select="$m"/>
      <xsl:with-param name="field" select="3"/>
    </xsl:call-template>
  </xsl:template>

  <!-- The last date of a milestone. -->
  <xsl:template name="last-date">
    <xsl:param name="m"/>
    <xsl:call-template name="dates-of">
      <xsl:with-param name="m" select="$m"/>
      <xsl:with-param name="field" select="4"/>
    </xsl:call-template>
  </xsl:template>

  <!-- A milestone counted after another: its date. -->
  <xsl:template name="after-date">
    <xsl:param name="m"/>
    <xsl:call-template name="first-date">
      <xsl:with-param name="m" select="$m"/>
    </xsl:call-template>
  </xsl:template>

  <!-- The day number a relative milestone is counted from. -->
  <xsl:template name="after-day">
    <xsl:param name="m"/>
    <xsl:variable name="k" select="concat(' ', $m/@after, ' ')"/>
    <xsl:variable name="by-key" select="$timeline/milestone[@day][contains(concat(' ', @key, ' '), $k)]"/>
    <xsl:variable name="by-end" select="$timeline/milestone[@day][contains(concat(' ', @end-key, ' '), $k)]"/>
    <xsl:choose>
      <xsl:when test="$by-key"><xsl:value-of select="$by-key[1]/@day"/></xsl:when>
      <xsl:when test="$by-end/@to"><xsl:value-of select="$by-end[1]/@to"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="$by-end[1]/@day"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- "Monday 7 March 2016" -->
  <xsl:template name="long-date">
    <xsl:param name="iso"/>
    <xsl:value-of select="concat(fd:weekday($iso), ' ', fd:date($iso))"/>
  </xsl:template>

  <!-- The date cell of a milestone: "Monday 7 March 2016", with "to"
       its last date on a line of its own when it is a range. -->
  <xsl:template name="date-cell">
    <xsl:param name="first"/>
    <xsl:param name="last"/>
    <xsl:call-template name="long-date"><xsl:with-param name="iso" select="$first"/></xsl:call-template>
    <xsl:if test="$last != $first">
      <br/>
      <xsl:text>to </xsl:text>
      <xsl:call-template name="long-date"><xsl:with-param name="iso" select="$last"/></xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- The dates of a row: one cell, or where dates are recorded the plan
       and then what happened ("as planned", the recorded date, or the
       date now planned from a recorded one, marked "replanned"). -->
  <xsl:template name="date-cells">
    <xsl:param name="m"/>
    <xsl:variable name="r" select="substring-after($timeline-dates, concat(' ', count($m/preceding-sibling::milestone) + 1, '='))"/>
    <xsl:variable name="pf" select="substring($r, 1, 10)"/>
    <xsl:variable name="pl" select="substring($r, 12, 10)"/>
    <xsl:variable name="af" select="substring($r, 23, 10)"/>
    <xsl:variable name="al" select="substring($r, 34, 10)"/>
    <xsl:variable name="flags" select="substring($r, 45, 2)"/>
    <xsl:if test="$r = ''">
      <xsl:message terminate="yes">no dates for a milestone (the timeline-dates fact)</xsl:message>
    </xsl:if>
    <xsl:choose>
      <xsl:when test="not($recorded)">
        <td>
          <xsl:call-template name="date-cell">
            <xsl:with-param name="first" select="$af"/>
            <xsl:with-param name="last" select="$al"/>
          </xsl:call-template>
        </td>
      </xsl:when>
      <xsl:otherwise>
        <td>
          <xsl:call-template name="date-cell">
            <xsl:with-param name="first" select="$pf"/>
            <xsl:with-param name="last" select="$pl"/>
          </xsl:call-template>
        </td>
        <td>
          <xsl:choose>
            <xsl:when test="$flags = '--' and $pf = $af and $pl = $al">as planned</xsl:when>
            <xsl:otherwise>
              <xsl:call-template name="date-cell">
                <xsl:with-param name="first" select="$af"/>
                <xsl:with-param name="last" select="$al"/>
              </xsl:call-template>
              <xsl:if test="$flags != 'RR'">
                <br/>
                <xsl:text>(replanned)</xsl:text>
              </xsl:if>
            </xsl:otherwise>
          </xsl:choose>
        </td>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="milestone[@day]" mode="row">
    <tr>
      <td>
        <xsl:value-of select="@day"/>
        <xsl:if test="@to and @to != @day">
          <xsl:value-of select="concat($ndash, @to)"/>
        </xsl:if>
      </td>
      <xsl:call-template name="date-cells"><xsl:with-param name="m" select="."/></xsl:call-template>
      <td><xsl:value-of select="normalize-space(.)"/></td>
      <td><xsl:value-of select="@who"/></td>
    </tr>
  </xsl:template>

  <xsl:template match="milestone[@after]" mode="row">
    <xsl:variable name="from">
      <xsl:call-template name="after-day"><xsl:with-param name="m" select="."/></xsl:call-template>
    </xsl:variable>
    <tr>
      <td><xsl:value-of select="concat($from, '+', @days)"/></td>
      <xsl:call-template name="date-cells"><xsl:with-param name="m" select="."/></xsl:call-template>
      <td>
        <xsl:value-of select="concat(normalize-space(.), ' (', @days, ' working days after day ', $from, ')')"/>
      </td>
      <td><xsl:value-of select="@who"/></td>
    </tr>
  </xsl:template>

  <!-- The bank holidays and closures between the first and the last date
       of the timeline, weekends aside. -->
  <xsl:template name="days-not-worked">
    <xsl:variable name="lo">
      <xsl:for-each select="$timeline/milestone[@day]">
        <xsl:sort select="@day" data-type="number"/>
        <xsl:if test="position() = 1">
          <xsl:call-template name="first-date"><xsl:with-param name="m" select="."/></xsl:call-template>
        </xsl:if>
      </xsl:for-each>
    </xsl:variable>
    <xsl:variable name="hi-dated">
      <xsl:for-each select="$timeline/milestone[@day]">
        <xsl:sort select="concat(@to, substring(@day, 1 div not(@to)))" data-type="number" order="descending"/>
        <xsl:if test="position() = 1">
          <xsl:call-template name="last-date"><xsl:with-param name="m" select="."/></xsl:call-template>
        </xsl:if>
      </xsl:for-each>
    </xsl:variable>
    <xsl:variable name="hi-after">
      <xsl:for-each select="$timeline/milestone[@after]">
        <xsl:variable name="d">
          <xsl:call-template name="after-date"><xsl:with-param name="m" select="."/></xsl:call-template>
        </xsl:variable>
        <xsl:value-of select="concat(translate($d, '-', ''), ' ')"/>
      </xsl:for-each>
    </xsl:variable>
    <xsl:variable name="lo-n" select="number(translate($lo, '-', ''))"/>
    <xsl:variable name="hi-n">
      <xsl:call-template name="max">
        <xsl:with-param name="best" select="number(translate($hi-dated, '-', ''))"/>
        <xsl:with-param name="rest" select="normalize-space($hi-after)"/>
      </xsl:call-template>
    </xsl:variable>
    <xsl:variable name="holidays"
        select="$calendar/holiday[number(translate(@date, '-', '')) &gt;= $lo-n and number(translate(@date, '-', '')) &lt;= $hi-n]"/>
    <xsl:variable name="closures"
        select="$inspection/calendar/non-working[number(translate(@date, '-', '')) &gt;= $lo-n and number(translate(@date, '-', '')) &lt;= $hi-n][not(fd:weekday(@date) = 'Saturday' or fd:weekday(@date) = 'Sunday')][not(@date = $calendar/holiday/@date)][not(@date = preceding-sibling::non-working/@date)]"/>
    <h2>Days not worked</h2>
    <xsl:choose>
      <xsl:when test="$holidays | $closures">
        <p number="no">
          <xsl:value-of select="concat('Besides weekends, these days from ', fd:date($lo), ' to ')"/>
          <xsl:value-of select="fd:date(concat(substring($hi-n, 1, 4), '-', substring($hi-n, 5, 2), '-', substring($hi-n, 7, 2)))"/>
          <xsl:text> are not counted as working days:</xsl:text>
        </p>
        <list>
          <xsl:for-each select="$holidays | $closures">
            <xsl:sort select="number(translate(@date, '-', ''))" data-type="number"/>
            <item>
              <xsl:call-template name="long-date"><xsl:with-param name="iso" select="string(@date)"/></xsl:call-template>
              <xsl:text>: </xsl:text>
              <xsl:value-of select="normalize-space(.)"/>
              <!-- A closure may give no reason; the text timeline's words. -->
              <xsl:if test="normalize-space(.) = ''">Non-working day</xsl:if>
              <xsl:if test="@substitute-for"> (substitute day)</xsl:if>
            </item>
          </xsl:for-each>
        </list>
      </xsl:when>
      <xsl:otherwise>
        <p number="no">No day other than weekends is skipped.</p>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The largest of best and the space-separated numbers in rest. -->
  <xsl:template name="max">
    <xsl:param name="best"/>
    <xsl:param name="rest"/>
    <xsl:choose>
      <xsl:when test="$rest = ''"><xsl:value-of select="$best"/></xsl:when>
      <xsl:otherwise>
        <xsl:variable name="head">
          <xsl:choose>
            <xsl:when test="contains($rest, ' ')"><xsl:value-of select="substring-before($rest, ' ')"/></xsl:when>
            <xsl:otherwise><xsl:value-of select="$rest"/></xsl:otherwise>
          </xsl:choose>
        </xsl:variable>
        <xsl:call-template name="max">
          <xsl:with-param name="best">
            <xsl:choose>
              <xsl:when test="number($head) &gt; $best"><xsl:value-of select="$head"/></xsl:when>
              <xsl:otherwise><xsl:value-of select="$best"/></xsl:otherwise>
            </xsl:choose>
          </xsl:with-param>
          <xsl:with-param name="rest" select="substring-after($rest, ' ')"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A timeline.xml element this stylesheet does not know: an error, not
       a row silently missing. -->
  <xsl:template match="*" mode="row">
    <xsl:message terminate="yes">timeline.xsl: no row for &lt;<xsl:value-of select="name()"/>&gt; in timeline.xml</xsl:message>
  </xsl:template>
</xsl:stylesheet>
