<?xml version="1.0" encoding="UTF-8"?>
<!--
  fa-form.xsl: the factual accuracy return form (findings render
  -\-doc fa-form -o FORM.csv|FORM.pdf), which the partnership fills in and
  sends back with its comments on the draft.

  Its input is not the inspection but the list that src/faform.c makes
  of the numbered paragraphs of the draft as it went for the check (the
  vocabulary is in src/faform.h): the form is one table, a row a
  numbered paragraph, with the columns Paragraph, Text (its first
  words, to find it by), Comment and Evidence. The same tree is printed
  as PDF and written as CSV (the CSV holds the table only), so the body
  has exactly one table; what surrounds it is paragraphs.

  templates/<framework>/fa-form.xsl imports this file.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:fd="urn:findings:xslt"
    exclude-result-prefixes="fd">

  <xsl:import href="common.xsl"/>

  <xsl:output method="xml" encoding="UTF-8" indent="no"/>

  <!-- How many words of a paragraph the Text column shows, and at most
       how many characters of them: a paragraph that opens with one
       enormous word (a pasted link) gets a cell, not a page of it. -->
  <xsl:variable name="first-words" select="12"/>
  <xsl:variable name="first-chars" select="100"/>

  <xsl:variable name="f" select="/fa-form"/>
  <xsl:variable name="title"
      select="concat('Factual accuracy return form: ', normalize-space($f/@area))"/>

  <xsl:template match="/fa-form">
    <document>
      <meta>
        <title><xsl:value-of select="$title"/></title>
        <subject>Factual accuracy return form</subject>
        <author>Ofsted</author>
        <lang>en-GB</lang>
        <stage>factual-accuracy</stage>
        <keywords>
          <xsl:value-of select="concat('factual accuracy; return form; ', @doc, '; ', @ref)"/>
        </keywords>
      </meta>
      <page marking="OFFICIAL-SENSITIVE" footer="{@ref}"/>
      <body>
        <h1><xsl:value-of select="$title"/></h1>
        <p number="no">
          <b><xsl:value-of select="concat('The draft ', @doc, ': ')"/></b>
          <xsl:value-of select="@title"/>
          <xsl:if test="@revision">
            <xsl:value-of select="concat(' (revision ', @revision)"/>
            <xsl:if test="@revision-date">
              <xsl:value-of select="concat(', ', fd:date(string(@revision-date)))"/>
            </xsl:if>
            <xsl:text>)</xsl:text>
          </xsl:if>
          <xsl:text>.</xsl:text>
        </p>
        <markdown src="fa-form.md"/>
        <table>
          <col width="16%"/><col width="34%"/><col width="30%"/><col width="20%"/>
          <thead>
            <tr><th>Paragraph</th><th>Text</th><th>Comment</th><th>Evidence</th></tr>
          </thead>
          <tbody>
            <xsl:apply-templates select="para"/>
            <xsl:if test="not(para)">
              <tr><td/><td>The draft has no numbered paragraphs.</td><td/><td/></tr>
            </xsl:if>
          </tbody>
        </table>
      </body>
    </document>
  </xsl:template>

  <!-- The form is made from the draft's numbered paragraphs, which only
       C knows: a stylesheet run on the inspection itself says how. -->
  <xsl:template match="/inspection">
    <xsl:message terminate="yes">the factual accuracy return form is made by 'findings render --doc fa-form', from the numbered paragraphs of the draft; it cannot be compared or built as another document</xsl:message>
  </xsl:template>

  <xsl:template match="para">
    <tr>
      <td><xsl:value-of select="@n"/></td>
      <td>
        <xsl:variable name="t">
          <xsl:call-template name="words">
            <xsl:with-param name="s" select="concat(normalize-space(.), ' ')"/>
            <xsl:with-param name="left" select="$first-words"/>
          </xsl:call-template>
        </xsl:variable>
        <xsl:choose>
          <xsl:when test="string-length($t) &gt; $first-chars">
            <xsl:value-of select="concat(substring($t, 1, $first-chars), '&#8230;')"/>
          </xsl:when>
          <xsl:otherwise><xsl:value-of select="$t"/></xsl:otherwise>
        </xsl:choose>
      </td>
      <td/>
      <td/>
    </tr>
  </xsl:template>

  <!-- The first $left words of $s (normalised, ending in a space), then
       an ellipsis when there are more. -->
  <xsl:template name="words">
    <xsl:param name="s"/>
    <xsl:param name="left"/>
    <xsl:param name="sep" select="''"/>
    <xsl:choose>
      <xsl:when test="normalize-space($s) = ''"/>
      <xsl:when test="$left = 0">&#8230;</xsl:when>
      <xsl:otherwise>
        <xsl:value-of select="concat($sep, substring-before($s, ' '))"/>
        <xsl:call-template name="words">
          <xsl:with-param name="s" select="substring-after($s, ' ')"/>
          <xsl:with-param name="left" select="$left - 1"/>
          <xsl:with-param name="sep" select="' '"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

</xsl:stylesheet>
