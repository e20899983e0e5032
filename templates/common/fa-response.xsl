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

  templates/<framework>/fa-response.xsl imports this file and sets
  $draft-name: what the draft is ("letter", "report").
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:import href="paper.xsl"/>

  <xsl:variable name="draft-name" select="'letter'"/>

  <xsl:variable name="fa" select="/inspection/factual-accuracy"/>
  <xsl:variable name="comments" select="$fa/comment"/>
  <xsl:variable name="decisions" select="$fa/decision"/>
  <xsl:variable name="revision"
      select="/inspection/history/revision[@n = $fa/@against-revision][last()]"/>
  <xsl:variable name="outstanding-words" select="'Decision outstanding'"/>

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
        </xsl:if>
      </xsl:with-param>
      <xsl:with-param name="body">
        <xsl:choose>
          <xsl:when test="$comments">
            <xsl:call-template name="summary"/>
            <xsl:for-each select="$comments">
              <xsl:sort select="@para" data-type="number"/>
              <xsl:apply-templates select="." mode="comment"/>
            </xsl:for-each>
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
      </tbody>
    </table>
  </xsl:template>

  <xsl:template match="*" mode="comment">
    <xsl:call-template name="unknown-element"/>
  </xsl:template>

</xsl:stylesheet>
