<?xml version="1.0" encoding="UTF-8"?>
<!--
  fa-response.xsl: the factual accuracy response, a QA working paper
  (findings render -\-doc fa-response). The comments received on the
  draft, in the order of the paragraphs they cite (the numbered
  paragraphs of the draft), each in a table: the paragraph, the agency it
  came from, the comment, and each decision with its outcome, who made it
  and why; a comment without a decision is marked "Decision outstanding".
  A count of the outcomes comes first, and the heading says when the
  comments were received and which revision of the draft they were on.

  Given the draft as it went for the check (findings render -\-doc
  fa-response -\-against OLD.xml), C compares it with the draft as it
  stands and hands the comparison over as fd:changes() (src/changes.h):
  each comment then shows what became of its paragraph, word by word; a
  comment accepted or partly accepted whose paragraph did not change is
  flagged; and the changes no accepted comment asked for are listed as
  the inspectors' own. Without it the paper says plainly that the changes
  cannot be shown.

  templates/<framework>/fa-response.xsl imports this file and sets
  $draft-name: what the draft is ("letter", "report").
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:fd="urn:findings:xslt"
    exclude-result-prefixes="fd">

  <xsl:import href="paper.xsl"/>
  <xsl:import href="changes-marks.xsl"/>

  <xsl:variable name="draft-name" select="'letter'"/>

  <xsl:variable name="fa" select="/inspection/factual-accuracy"/>
  <xsl:variable name="comments" select="$fa/comment"/>
  <xsl:variable name="decisions" select="$fa/decision"/>
  <xsl:variable name="revision"
      select="/inspection/history/revision[@n = $fa/@against-revision][last()]"/>
  <xsl:variable name="outstanding-words" select="'Decision outstanding'"/>

  <!-- The comparison of the draft as sent with the draft as it stands,
       or nothing. -->
  <xsl:variable name="changes" select="fd:changes()[self::changes]"/>
  <xsl:variable name="doc" select="$draft-name"/>
  <xsl:variable name="numbered" select="true()"/>
  <!-- What became of each comment's paragraph, and the changes by the
       paragraph they were in the draft as sent. -->
  <xsl:key name="compared" match="changes/comment" use="@id"/>
  <xsl:key name="changed" match="changes/para[@status != 'same']" use="@old-n"/>

  <!-- The decisions on a comment; the last one stands. -->
  <xsl:key name="decision" match="factual-accuracy/decision" use="@comment"/>
  <!-- Keys, not predicates over every comment: linear in the comments. -->
  <xsl:key name="comment" match="factual-accuracy/comment" use="@id"/>
  <xsl:variable name="standing"
      select="$decisions[generate-id() = generate-id(key('decision', @comment)[last()])]"/>

  <xsl:template match="/">
    <xsl:call-template name="paper">
      <xsl:with-param name="title" select="'Factual accuracy response'"/>
      <xsl:with-param name="subject" select="'Factual accuracy response'"/>
      <xsl:with-param name="facts">
        <xsl:if test="$fa">
          <xsl:call-template name="fact">
            <xsl:with-param name="label" select="'Comments received'"/>
            <xsl:with-param name="value">
              <xsl:call-template name="date">
                <xsl:with-param name="iso" select="$fa/@received"/>
              </xsl:call-template>
            </xsl:with-param>
          </xsl:call-template>
          <xsl:call-template name="fact">
            <xsl:with-param name="label" select="'On the draft'"/>
            <xsl:with-param name="value">
              <xsl:value-of select="concat('Revision ', $fa/@against-revision, ' of the ', $draft-name)"/>
              <xsl:if test="$revision">
                <xsl:text>, </xsl:text>
                <xsl:call-template name="date">
                  <xsl:with-param name="iso" select="$revision/@date"/>
                </xsl:call-template>
                <xsl:text> (</xsl:text>
                <xsl:value-of select="translate($revision/@stage, '-', ' ')"/>
                <xsl:text> stage)</xsl:text>
              </xsl:if>
            </xsl:with-param>
          </xsl:call-template>
          <xsl:call-template name="fact">
            <xsl:with-param name="label" select="'Changes made'"/>
            <xsl:with-param name="value">
              <xsl:choose>
                <xsl:when test="$changes">
                  <xsl:apply-templates select="$changes/old" mode="compared"/>
                </xsl:when>
                <xsl:otherwise>Cannot be shown (see below)</xsl:otherwise>
              </xsl:choose>
            </xsl:with-param>
          </xsl:call-template>
        </xsl:if>
      </xsl:with-param>
      <xsl:with-param name="body">
        <xsl:if test="$fa and not($changes)">
          <p number="no">
            <b>The changes to the <xsl:value-of select="$draft-name"/> cannot be shown</b>
            <xsl:value-of select="concat(': this paper was made without the ', $draft-name,
                ' as it went for the check, so it cannot say which comments changed it. ',
                'To show them, give the inspection file as it was then: ')"/>
            <i>findings render inspection.xml --doc fa-response --against OLD.xml</i>
            <xsl:text>.</xsl:text>
          </p>
        </xsl:if>
        <xsl:choose>
          <xsl:when test="$comments">
            <xsl:call-template name="summary"/>
            <xsl:apply-templates select="$changes" mode="summary"/>
            <xsl:for-each select="$comments">
              <xsl:sort select="@para" data-type="number"/>
              <xsl:apply-templates select="." mode="comment"/>
            </xsl:for-each>
            <xsl:apply-templates select="$changes" mode="own"/>
          </xsl:when>
          <xsl:when test="$changes">
            <p number="no">No comments were received.</p>
            <xsl:apply-templates select="$changes" mode="summary"/>
            <xsl:apply-templates select="$changes" mode="own"/>
          </xsl:when>
          <xsl:when test="$fa">
            <p number="no">No comments were received.</p>
          </xsl:when>
          <xsl:otherwise>
            <p number="no">No factual accuracy comments have been recorded for this inspection.</p>
          </xsl:otherwise>
        </xsl:choose>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <xsl:template name="summary">
    <xsl:variable name="open" select="$comments[not(key('decision', @id))]"/>
    <h2>Summary</h2>
    <table keep-together="yes">
      <col width="45%"/><col width="15%"/><col/>
      <thead>
        <tr><th>Outcome</th><th>Comments</th><th>Paragraphs</th></tr>
      </thead>
      <tbody>
        <xsl:call-template name="outcome-row">
          <xsl:with-param name="value" select="'accepted'"/>
        </xsl:call-template>
        <xsl:call-template name="outcome-row">
          <xsl:with-param name="value" select="'partly-accepted'"/>
        </xsl:call-template>
        <xsl:call-template name="outcome-row">
          <xsl:with-param name="value" select="'not-accepted'"/>
        </xsl:call-template>
        <tr>
          <td>
            <xsl:choose>
              <xsl:when test="$open"><b><xsl:value-of select="concat($warn, ' ', $outstanding-words)"/></b></xsl:when>
              <xsl:otherwise><xsl:value-of select="$outstanding-words"/></xsl:otherwise>
            </xsl:choose>
          </td>
          <td>
            <xsl:choose>
              <xsl:when test="$open"><b><xsl:value-of select="count($open)"/></b></xsl:when>
              <xsl:otherwise>0</xsl:otherwise>
            </xsl:choose>
          </td>
          <td>
            <xsl:call-template name="paras">
              <xsl:with-param name="nodes" select="$open"/>
            </xsl:call-template>
          </td>
        </tr>
        <tr>
          <td><b>Total</b></td>
          <td><b><xsl:value-of select="count($comments)"/></b></td>
          <td/>
        </tr>
      </tbody>
    </table>
  </xsl:template>

  <!-- The comments whose standing decision is $value. -->
  <xsl:template name="outcome-row">
    <xsl:param name="value"/>
    <xsl:variable name="ids" select="$standing[@outcome = $value]/@comment"/>
    <tr>
      <td>
        <xsl:call-template name="outcome-word">
          <xsl:with-param name="value" select="$value"/>
        </xsl:call-template>
      </td>
      <td><xsl:value-of select="count($ids)"/></td>
      <td>
        <xsl:call-template name="paras">
          <xsl:with-param name="nodes" select="key('comment', $ids)"/>
        </xsl:call-template>
      </td>
    </tr>
  </xsl:template>

  <xsl:template name="paras">
    <xsl:param name="nodes"/>
    <xsl:for-each select="$nodes">
      <xsl:sort select="@para" data-type="number"/>
      <xsl:if test="position() &gt; 1">, </xsl:if>
      <xsl:value-of select="@para"/>
    </xsl:for-each>
  </xsl:template>

  <xsl:template name="outcome-word">
    <xsl:param name="value"/>
    <xsl:choose>
      <xsl:when test="$value = 'accepted'">Accepted</xsl:when>
      <xsl:when test="$value = 'partly-accepted'">Partly accepted</xsl:when>
      <xsl:when test="$value = 'not-accepted'">Not accepted</xsl:when>
      <xsl:otherwise><xsl:value-of select="$value"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- One comment: a table of label and value, kept on one page. -->
  <xsl:template match="comment" mode="comment">
    <xsl:variable name="mine" select="key('decision', @id)"/>
    <h2>
      <xsl:value-of select="concat('Paragraph ', @para, ': comment ', @id)"/>
    </h2>
    <table keep-together="yes">
      <col width="22%"/><col/>
      <tbody>
        <tr>
          <th>Paragraph</th>
          <td><xsl:value-of select="@para"/></td>
        </tr>
        <tr>
          <th>From</th>
          <td>
            <xsl:call-template name="agency-name">
              <xsl:with-param name="id" select="@from"/>
            </xsl:call-template>
          </td>
        </tr>
        <tr>
          <th>Comment</th>
          <td><markdown><xsl:value-of select="."/></markdown></td>
        </tr>
        <xsl:for-each select="$mine">
          <tr>
            <th>Decision</th>
            <td>
              <b>
                <xsl:call-template name="outcome-word">
                  <xsl:with-param name="value" select="@outcome"/>
                </xsl:call-template>
              </b>
            </td>
          </tr>
          <tr>
            <th>By</th>
            <td>
              <xsl:call-template name="member-full">
                <xsl:with-param name="id" select="@by"/>
              </xsl:call-template>
            </td>
          </tr>
          <tr>
            <th>Reason</th>
            <td><markdown><xsl:value-of select="."/></markdown></td>
          </tr>
        </xsl:for-each>
        <xsl:if test="not($mine)">
          <tr>
            <th>Decision</th>
            <td><b><xsl:value-of select="concat($warn, ' ', $outstanding-words)"/></b></td>
          </tr>
        </xsl:if>
        <xsl:if test="$changes">
          <xsl:variable name="id" select="@id"/>
          <xsl:variable name="n" select="@para"/>
          <tr>
            <th>Change</th>
            <td>
              <xsl:for-each select="$changes">
                <xsl:apply-templates select="key('compared', $id)" mode="result">
                  <xsl:with-param name="changes" select="key('changed', $n)"/>
                </xsl:apply-templates>
              </xsl:for-each>
            </td>
          </tr>
        </xsl:if>
      </tbody>
    </table>
  </xsl:template>

  <!-- "revision 2 of 11 November 2019 (northshire-rev2.xml)" -->
  <xsl:template match="old | new" mode="compared">
    <xsl:choose>
      <xsl:when test="@revision">
        <xsl:value-of select="concat('Compared with revision ', @revision)"/>
        <xsl:if test="@revision-date">
          <xsl:value-of select="concat(' of ', fd:date(string(@revision-date)))"/>
        </xsl:if>
        <xsl:value-of select="concat(' (', @file, ')')"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:value-of select="concat('Compared with ', @file)"/>
      </xsl:otherwise>
    </xsl:choose>
    <xsl:value-of select="concat(', the ', $draft-name, ' as it went for the check')"/>
  </xsl:template>

  <!-- What became of a comment's paragraph ($changes: the changes to it). -->
  <xsl:template match="comment" mode="result">
    <xsl:param name="changes"/>
    <xsl:choose>
      <xsl:when test="@warn = 'yes' and @result = 'missing'">
        <b>
          <xsl:value-of select="concat($warn, ' ', translate(substring(@outcome, 1, 1), 'ap', 'AP'),
              translate(substring(@outcome, 2), '-', ' '), ', but the ', $draft-name,
              ' as sent has no paragraph ', @para, ' to change.')"/>
        </b>
      </xsl:when>
      <xsl:when test="@warn = 'yes'">
        <b>
          <xsl:value-of select="concat($warn, ' ', translate(substring(@outcome, 1, 1), 'ap', 'AP'),
              translate(substring(@outcome, 2), '-', ' '), ', but paragraph ', @para,
              ' did not change.')"/>
        </b>
      </xsl:when>
      <xsl:when test="@result = 'missing'">
        <xsl:value-of select="concat('The ', $draft-name, ' as sent has no paragraph ', @para, '.')"/>
      </xsl:when>
      <xsl:when test="@result = 'unchanged'">
        <xsl:value-of select="concat('Paragraph ', @para, ' did not change.')"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:for-each select="$changes">
          <p number="no"><xsl:call-template name="change-label"/>:</p>
          <xsl:apply-templates select="." mode="words"/>
          <xsl:if test="@own = 'yes'">
            <p number="no"><i>The inspectors' own change: no comment on it was accepted.</i></p>
          </xsl:if>
        </xsl:for-each>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A change's words: struck through, underlined. -->
  <xsl:template match="para" mode="words">
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
  </xsl:template>

  <!-- The changes made, against what the comments asked for. -->
  <xsl:template match="changes" mode="summary">
    <xsl:variable name="shown" select="para[@status != 'same']"/>
    <xsl:variable name="own" select="$shown[@own = 'yes']"/>
    <xsl:variable name="warned" select="comment[@warn = 'yes']"/>
    <h2>Changes to the <xsl:value-of select="$draft-name"/></h2>
    <table keep-together="yes">
      <col width="60%"/><col/>
      <tbody>
        <tr>
          <td>Paragraphs changed, added or removed</td>
          <td><xsl:value-of select="count($shown)"/></td>
        </tr>
        <tr>
          <td>Asked for by a comment accepted in whole or part</td>
          <td><xsl:value-of select="count($shown) - count($own)"/></td>
        </tr>
        <tr>
          <td>The inspectors' own (no comment accepted asked for them)</td>
          <td><xsl:value-of select="count($own)"/></td>
        </tr>
        <tr>
          <td>
            <xsl:choose>
              <xsl:when test="$warned">
                <b><xsl:value-of select="concat($warn, ' Comments accepted whose paragraph did not change')"/></b>
              </xsl:when>
              <xsl:otherwise>Comments accepted whose paragraph did not change</xsl:otherwise>
            </xsl:choose>
          </td>
          <td>
            <xsl:choose>
              <xsl:when test="$warned">
                <b>
                  <xsl:value-of select="count($warned)"/>
                  <xsl:text>: </xsl:text>
                  <xsl:for-each select="$warned">
                    <xsl:if test="position() &gt; 1">, </xsl:if>
                    <xsl:value-of select="concat(@id, ' (paragraph ', @para, ')')"/>
                  </xsl:for-each>
                </b>
              </xsl:when>
              <xsl:otherwise>0</xsl:otherwise>
            </xsl:choose>
          </td>
        </tr>
      </tbody>
    </table>
  </xsl:template>

  <!-- The changes no accepted comment asked for. -->
  <xsl:template match="changes" mode="own">
    <xsl:variable name="own" select="para[@own = 'yes']"/>
    <h2>The inspectors' own changes</h2>
    <xsl:choose>
      <xsl:when test="$own">
        <p number="no">
          <xsl:value-of select="concat('No comment accepted in whole or part asked for these changes to the ',
              $draft-name, ' as it went for the check.')"/>
        </p>
        <xsl:for-each select="$own">
          <h3><xsl:call-template name="change-label"/></h3>
          <quote><xsl:apply-templates select="." mode="words"/></quote>
          <xsl:if test="cite">
            <p number="no">
              <xsl:text>Not accepted: </xsl:text>
              <xsl:for-each select="cite">
                <xsl:if test="position() &gt; 1">, </xsl:if>
                <xsl:value-of select="concat('comment ', @id)"/>
              </xsl:for-each>
              <xsl:text>.</xsl:text>
            </p>
          </xsl:if>
        </xsl:for-each>
      </xsl:when>
      <xsl:otherwise>
        <p number="no">
          <xsl:value-of select="concat('Every change to the ', $draft-name,
              ' was asked for by a comment accepted in whole or part.')"/>
        </p>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="*" mode="comment">
    <xsl:call-template name="unknown-element"/>
  </xsl:template>

</xsl:stylesheet>
