<?xml version="1.0" encoding="UTF-8"?>
<!--
  changes.xsl: the change report (findings diff), a QA working paper.

  Its input is not an inspection but the comparison that src/changes.c
  makes of one document in two revisions (the vocabulary is in
  src/changes.h): every paragraph in reading order, unchanged, changed
  (word by word: <same>, <del>, <ins>), added or removed, with its old and
  new paragraph numbers, the heading it comes under and how many
  unchanged paragraphs lie between it and the change before.

  The report: the title, a summary of the counts and of the revisions
  compared, the files, a key to the marks, then each change under the
  heading of the letter it comes under, labelled with its paragraph
  numbers; unchanged paragraphs are left out, a line in italics counts
  them. Taken-out words are struck through and put-in words underlined
  (colour is never the only sign). OFFICIAL-SENSITIVE on every page; not
  published.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:fd="urn:findings:xslt"
    exclude-result-prefixes="fd">

  <xsl:import href="common.xsl"/>
  <xsl:import href="changes-marks.xsl"/>

  <xsl:output method="xml" encoding="UTF-8" indent="no"/>

  <xsl:variable name="c" select="/changes"/>
  <xsl:variable name="doc" select="/changes/@doc"/>
  <xsl:variable name="numbered" select="/changes/@numbered = 'yes'"/>
  <xsl:variable name="shown" select="/changes/para[@status != 'same']"/>
  <xsl:variable name="title" select="concat('Changes to the ', $doc, ': ', /changes/@title)"/>
  <xsl:variable name="comments" select="/changes/comment"/>
  <xsl:variable name="warned" select="$comments[@warn = 'yes']"/>
  <xsl:key name="comment" match="/changes/comment" use="@id"/>

  <xsl:template match="/changes">
    <document>
      <meta>
        <title><xsl:value-of select="$title"/></title>
        <subject>Change report</subject>
        <author>Ofsted</author>
        <lang>en-GB</lang>
        <keywords>
          <xsl:value-of select="concat('change report; ', $doc, '; working paper; ', new/@ref)"/>
        </keywords>
      </meta>
      <page marking="OFFICIAL-SENSITIVE" footer="{new/@ref}"/>
      <body>
        <h1><xsl:value-of select="$title"/></h1>
        <p number="no">
          <xsl:call-template name="summary"/>
        </p>
        <table borders="no">
          <col width="22%"/><col/>
          <xsl:apply-templates select="old | new"/>
          <tr>
            <th>Compared</th>
            <td>
              <xsl:value-of select="concat('The ', $doc, ' of each, as rendered at the ')"/>
              <xsl:call-template name="stage-words">
                <xsl:with-param name="s" select="@stage"/>
              </xsl:call-template>
              <xsl:text> stage</xsl:text>
              <xsl:if test="$numbered">, with numbered paragraphs</xsl:if>
            </td>
          </tr>
        </table>
        <xsl:choose>
          <xsl:when test="$shown">
            <h2>Key</h2>
            <list>
              <item><del>Struck through</del>: words taken out of the old <xsl:value-of select="$doc"/></item>
              <item><ins>Underlined</ins>: words put into the new <xsl:value-of select="$doc"/></item>
            </list>
            <markdown src="changes.md"/>
            <xsl:call-template name="warnings"/>
            <xsl:apply-templates select="$shown"/>
            <xsl:call-template name="unchanged">
              <xsl:with-param name="n" select="end/@unchanged"/>
            </xsl:call-template>
          </xsl:when>
          <xsl:otherwise>
            <p number="no">
              <xsl:value-of select="concat('The two revisions of the ', $doc,
                                           ' have the same paragraphs, word for word.')"/>
            </p>
            <xsl:call-template name="warnings"/>
          </xsl:otherwise>
        </xsl:choose>
        <xsl:if test="$comments">
          <xsl:call-template name="comment-table"/>
        </xsl:if>
      </body>
    </document>
  </xsl:template>

  <!-- "3 paragraphs changed, 1 added, 1 removed; revision 3 of 4 December
       2019 against revision 2 of 11 November 2019." -->
  <xsl:template name="summary">
    <xsl:variable name="changed" select="count(para[@status = 'changed'])"/>
    <xsl:variable name="added" select="count(para[@status = 'added'])"/>
    <xsl:variable name="removed" select="count(para[@status = 'removed'])"/>
    <b>
      <xsl:choose>
        <xsl:when test="not($shown)">No changes</xsl:when>
        <xsl:otherwise>
          <xsl:value-of select="$changed"/>
          <xsl:text> paragraph</xsl:text>
          <xsl:if test="$changed != 1">s</xsl:if>
          <xsl:value-of select="concat(' changed, ', $added, ' added, ', $removed, ' removed')"/>
        </xsl:otherwise>
      </xsl:choose>
    </b>
    <xsl:choose>
      <xsl:when test="new/@revision and old/@revision">
        <xsl:text>; </xsl:text>
        <xsl:apply-templates select="new" mode="revision"/>
        <xsl:text> against </xsl:text>
        <xsl:apply-templates select="old" mode="revision"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:value-of select="concat('; ', new/@file, ' against ', old/@file)"/>
      </xsl:otherwise>
    </xsl:choose>
    <xsl:text>.</xsl:text>
    <xsl:if test="$comments">
      <xsl:variable name="n" select="count($comments)"/>
      <xsl:value-of select="concat(' ', $n, ' factual accuracy comment')"/>
      <xsl:if test="$n != 1">s</xsl:if>
      <xsl:text>: </xsl:text>
      <xsl:value-of select="concat(count($comments[@outcome = 'accepted']), ' accepted, ',
                                   count($comments[@outcome = 'partly-accepted']), ' partly accepted, ',
                                   count($comments[@outcome = 'not-accepted']), ' not accepted')"/>
      <xsl:if test="$comments[not(@outcome)]">
        <xsl:value-of select="concat(', ', count($comments[not(@outcome)]), ' without a decision')"/>
      </xsl:if>
      <xsl:text>.</xsl:text>
      <xsl:if test="$warned">
        <xsl:text> </xsl:text>
        <b>
          <xsl:value-of select="concat('Warning: ', count($warned), ' accepted without a change.')"/>
        </b>
      </xsl:if>
    </xsl:if>
  </xsl:template>

  <!-- Comments accepted in whole or part whose paragraph did not
       change: findings diff says so on standard error too. -->
  <xsl:template name="warnings">
    <xsl:if test="$warned">
      <h2>Warning: accepted comments without a change</h2>
      <list>
        <xsl:for-each select="$warned">
          <item>
            <b><xsl:value-of select="concat('Comment ', @id)"/></b>
            <xsl:value-of select="concat(' (', @from, ') is ')"/>
            <xsl:call-template name="outcome-word"/>
            <xsl:choose>
              <xsl:when test="@result = 'missing'">
                <xsl:value-of select="concat(', but the old ', $doc, ' has no paragraph ', @para, '.')"/>
              </xsl:when>
              <xsl:otherwise>
                <xsl:value-of select="concat(', but paragraph ', @para, ' did not change.')"/>
              </xsl:otherwise>
            </xsl:choose>
          </item>
        </xsl:for-each>
      </list>
    </xsl:if>
  </xsl:template>

  <xsl:template name="outcome-word">
    <xsl:choose>
      <xsl:when test="@outcome = 'accepted'">accepted</xsl:when>
      <xsl:when test="@outcome = 'partly-accepted'">partly accepted</xsl:when>
      <xsl:when test="@outcome = 'not-accepted'">not accepted</xsl:when>
      <xsl:otherwise>without a decision</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Every comment, in the order of the paragraphs it cites, with what
       became of its paragraph. -->
  <xsl:template name="comment-table">
    <h2>Factual accuracy comments</h2>
    <table>
      <col width="14%"/><col width="17%"/><col width="22%"/><col/>
      <thead>
        <tr><th>Comment</th><th>Paragraph</th><th>Decision</th><th>In the new <xsl:value-of select="$doc"/></th></tr>
      </thead>
      <tbody>
        <xsl:for-each select="$comments">
          <xsl:sort select="@para" data-type="number"/>
          <tr>
            <td><xsl:value-of select="@id"/></td>
            <td><xsl:value-of select="@para"/></td>
            <td>
              <xsl:variable name="w"><xsl:call-template name="outcome-word"/></xsl:variable>
              <xsl:value-of select="concat(translate(substring($w, 1, 1), 'apnw', 'APNW'), substring($w, 2))"/>
            </td>
            <td>
              <xsl:if test="@warn = 'yes'"><b>Warning: </b></xsl:if>
              <xsl:choose>
                <xsl:when test="@result = 'changed'">Paragraph changed</xsl:when>
                <xsl:when test="@result = 'removed'">Paragraph removed</xsl:when>
                <xsl:when test="@result = 'missing'">No such paragraph in the old <xsl:value-of select="$doc"/></xsl:when>
                <xsl:when test="@result = 'unplaced'">Not placed: the paragraphs are not numbered at this stage</xsl:when>
                <xsl:otherwise>No change</xsl:otherwise>
              </xsl:choose>
            </td>
          </tr>
        </xsl:for-each>
      </tbody>
    </table>
  </xsl:template>

  <!-- "revision 3 of 4 December 2019" -->
  <xsl:template match="old | new" mode="revision">
    <xsl:value-of select="concat('revision ', @revision)"/>
    <xsl:if test="@revision-date">
      <xsl:value-of select="concat(' of ', fd:date(string(@revision-date)))"/>
    </xsl:if>
  </xsl:template>

  <!-- A row of the table of files. -->
  <xsl:template match="old | new">
    <tr>
      <th>
          <xsl:choose>
            <xsl:when test="self::old">Old</xsl:when>
            <xsl:otherwise>New</xsl:otherwise>
          </xsl:choose>
      </th>
      <td>
        <xsl:value-of select="@file"/>
        <xsl:if test="@revision">
          <xsl:text>: </xsl:text>
          <xsl:apply-templates select="." mode="revision"/>
          <xsl:if test="@revision-stage">
            <xsl:text> (</xsl:text>
            <xsl:call-template name="stage-words">
              <xsl:with-param name="s" select="@revision-stage"/>
            </xsl:call-template>
            <xsl:text> stage)</xsl:text>
          </xsl:if>
        </xsl:if>
      </td>
    </tr>
  </xsl:template>

  <xsl:template name="stage-words">
    <xsl:param name="s"/>
    <xsl:choose>
      <xsl:when test="$s = 'factual-accuracy'">factual accuracy</xsl:when>
      <xsl:otherwise><xsl:value-of select="$s"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- "… 5 unchanged paragraphs …" -->
  <xsl:template name="unchanged">
    <xsl:param name="n"/>
    <xsl:if test="$n &gt; 0">
      <p number="no">
        <i>
          <xsl:value-of select="concat('&#8230; ', $n, ' unchanged paragraph')"/>
          <xsl:if test="$n != 1">s</xsl:if>
          <xsl:text> &#8230;</xsl:text>
        </i>
      </p>
    </xsl:if>
  </xsl:template>

  <!-- One change: the unchanged paragraphs before it, the heading it
       comes under when it is the first there, its label, its text. -->
  <xsl:template match="para">
    <xsl:call-template name="unchanged">
      <xsl:with-param name="n" select="@unchanged-before"/>
    </xsl:call-template>
    <xsl:if test="@first-in-section = 'yes'">
      <h2>
        <xsl:choose>
          <xsl:when test="@section"><xsl:value-of select="@section"/></xsl:when>
          <xsl:otherwise>
            <xsl:value-of select="concat('Start of the ', $doc)"/>
          </xsl:otherwise>
        </xsl:choose>
      </h2>
    </xsl:if>
    <h3><xsl:call-template name="change-label"/></h3>
    <quote>
      <xsl:choose>
        <xsl:when test="@split = 'yes'">
          <xsl:for-each select="same | del | ins">
            <p number="no"><xsl:apply-templates select="." mode="marks"/></p>
          </xsl:for-each>
        </xsl:when>
        <xsl:otherwise>
          <p number="no"><xsl:apply-templates select="same | del | ins" mode="marks"/></p>
        </xsl:otherwise>
      </xsl:choose>
    </quote>
    <xsl:call-template name="why"/>
  </xsl:template>

  <!-- Why a paragraph changed: the comments that cite it, with their
       decisions, or the inspectors' own change. -->
  <xsl:template name="why">
    <xsl:if test="cite">
      <list>
        <xsl:for-each select="cite">
          <xsl:for-each select="key('comment', @id)">
            <item>
              <b><xsl:value-of select="concat('Comment ', @id)"/></b>
              <xsl:value-of select="concat(' from ', @from, ' on paragraph ', @para, ': ')"/>
              <b><xsl:call-template name="outcome-word"/></b>
              <xsl:if test="@by">
                <xsl:value-of select="concat(' by ', @by)"/>
              </xsl:if>
              <markdown><xsl:value-of select="text"/></markdown>
              <xsl:if test="normalize-space(reason) != ''">
                <p number="no"><i>The decision: </i></p>
                <markdown><xsl:value-of select="reason"/></markdown>
              </xsl:if>
            </item>
          </xsl:for-each>
        </xsl:for-each>
      </list>
    </xsl:if>
    <xsl:if test="@own = 'yes'">
      <p number="no">
        <b>The inspectors' own change</b>
        <xsl:choose>
          <xsl:when test="cite">: no comment on it was accepted.</xsl:when>
          <xsl:otherwise>: no comment asked for it.</xsl:otherwise>
        </xsl:choose>
      </p>
    </xsl:if>
  </xsl:template>

</xsl:stylesheet>
