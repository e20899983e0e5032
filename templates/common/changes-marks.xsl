<?xml version="1.0" encoding="UTF-8"?>
<!--
  changes-marks.xsl: how a change of the comparison that src/changes.c
  makes (src/changes.h) is set out, shared by the change report
  (changes.xsl) and the factual accuracy response (fa-response.xsl):
  its words in mode "marks" (taken-out words struck through, put-in words
  underlined) and its label ("Paragraph 12 (now 13) changed"). The
  importing stylesheet sets $doc (what was compared: "letter") and
  $numbered (whether its paragraphs are numbered).
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:variable name="doc" select="'letter'"/>
  <xsl:variable name="numbered" select="true()"/>

  <xsl:template match="same" mode="marks">
    <xsl:value-of select="."/>
  </xsl:template>

  <xsl:template match="del" mode="marks">
    <del><xsl:value-of select="."/></del>
  </xsl:template>

  <!-- Words put in straight after words taken out are kept apart by a
       space, so that the text reads (and is read aloud) as two words,
       not one. -->
  <xsl:template match="ins" mode="marks">
    <xsl:variable name="d" select="preceding-sibling::*[1][self::del]"/>
    <xsl:if test="$d and substring($d, string-length($d)) != ' ' and
                  substring(., 1, 1) != ' '">
      <xsl:text> </xsl:text>
    </xsl:if>
    <ins><xsl:value-of select="."/></ins>
  </xsl:template>

  <!-- "Paragraph 12 (now 13) changed", "New paragraph 14", "List item
       after paragraph 7 removed". -->
  <xsl:template name="change-label">
    <xsl:variable name="kind">
      <xsl:call-template name="change-kind"/>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="@status = 'added'">
        <xsl:choose>
          <xsl:when test="@new-n">
            <xsl:value-of select="concat('New paragraph ', @new-n)"/>
          </xsl:when>
          <xsl:otherwise>
            <xsl:value-of select="concat('New ', translate(substring($kind, 1, 1), 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz'), substring($kind, 2))"/>
            <xsl:call-template name="change-after">
              <xsl:with-param name="n" select="@new-after"/>
            </xsl:call-template>
          </xsl:otherwise>
        </xsl:choose>
      </xsl:when>
      <xsl:otherwise>
        <xsl:choose>
          <xsl:when test="@old-n">
            <xsl:value-of select="concat('Paragraph ', @old-n)"/>
            <xsl:if test="@status = 'changed' and @new-n != @old-n">
              <xsl:value-of select="concat(' (now ', @new-n, ')')"/>
            </xsl:if>
          </xsl:when>
          <xsl:otherwise>
            <xsl:value-of select="$kind"/>
            <xsl:call-template name="change-after">
              <xsl:with-param name="n" select="@old-after"/>
            </xsl:call-template>
            <xsl:if test="@status = 'changed' and @new-n">
              <xsl:value-of select="concat(' (now paragraph ', @new-n, ')')"/>
            </xsl:if>
          </xsl:otherwise>
        </xsl:choose>
        <xsl:value-of select="concat(' ', @status)"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="change-after">
    <xsl:param name="n"/>
    <xsl:if test="$numbered and $n">
      <xsl:value-of select="concat(' after paragraph ', $n)"/>
    </xsl:if>
  </xsl:template>

  <xsl:template name="change-kind">
    <xsl:choose>
      <xsl:when test="@kind = 'heading'">Heading</xsl:when>
      <xsl:when test="@kind = 'item'">List item</xsl:when>
      <xsl:when test="@kind = 'cell'">Table cell</xsl:when>
      <xsl:when test="@kind = 'quote'">Quoted paragraph</xsl:when>
      <xsl:when test="@kind = 'address'">Address line</xsl:when>
      <xsl:when test="@kind = 'checkbox'">Checkbox</xsl:when>
      <xsl:when test="@kind = 'signatory'">Signatory</xsl:when>
      <xsl:when test="$numbered">Unnumbered paragraph</xsl:when>
      <xsl:otherwise>Paragraph</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="*" mode="marks">
    <xsl:call-template name="unknown-element"/>
  </xsl:template>

</xsl:stylesheet>
