<?xml version="1.0" encoding="UTF-8"?>
<!--
  common.xsl: pieces every document stylesheet shares.

    - the catch-all templates: an element of the inspection that no
      template handles stops the transform with an error at that element,
      so a new or misspelt element is an error, never silence;
    - md-escape: text that must print literally inside Markdown that a
      stylesheet composes (an agency's name before a finding);
    - join: "A", "A and B", "A, B and C".

  Import it first; templates in the importing stylesheet win.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <!-- Every ASCII punctuation character: CommonMark lets each be escaped
       with a backslash, and escaping them all makes any text inert. -->
  <xsl:variable name="md-punctuation"
      >!"#$%&amp;'()*+,-./:;&lt;=&gt;?@[\]^_`{|}~</xsl:variable>

  <!-- An element that nothing handles, in the default mode; a stylesheet
       with modes of its own calls unknown-element from a catch-all in
       each. -->
  <xsl:template match="*">
    <xsl:call-template name="unknown-element"/>
  </xsl:template>

  <!-- The letterhead (docs/document-tree.md): a mark an inspectorate of
       ids (inspectorate elements of inspectorates.xml), in their order,
       the first the sender. What it looks like is the style's. -->
  <xsl:template name="letterhead">
    <xsl:param name="ids"/>
    <xsl:if test="$ids">
      <letterhead>
        <xsl:for-each select="$ids">
          <mark inspectorate="{@id}"><xsl:value-of select="@name"/></mark>
        </xsl:for-each>
      </letterhead>
    </xsl:if>
  </xsl:template>

  <xsl:template name="unknown-element">
    <xsl:message terminate="yes">
      <xsl:text>the stylesheet does not know the element &lt;</xsl:text>
      <xsl:value-of select="name()"/>
      <xsl:text>&gt;</xsl:text>
      <xsl:if test="parent::*">
        <xsl:text> in &lt;</xsl:text>
        <xsl:value-of select="name(..)"/>
        <xsl:text>&gt;</xsl:text>
      </xsl:if>
    </xsl:message>
  </xsl:template>

  <!-- Text is printed only where a template asks for it. -->
  <xsl:template match="text()"/>

  <!-- The text of $s with every ASCII punctuation character escaped and
       line breaks as spaces. Halving keeps the recursion depth at log2
       of the length, well inside the transform's bound. -->
  <xsl:template name="md-escape">
    <xsl:param name="s"/>
    <xsl:variable name="n" select="string-length($s)"/>
    <xsl:choose>
      <xsl:when test="$n &gt; 1">
        <xsl:variable name="h" select="floor($n div 2)"/>
        <xsl:call-template name="md-escape">
          <xsl:with-param name="s" select="substring($s, 1, $h)"/>
        </xsl:call-template>
        <xsl:call-template name="md-escape">
          <xsl:with-param name="s" select="substring($s, $h + 1)"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:when test="$n = 1 and contains($md-punctuation, $s)">
        <xsl:text>\</xsl:text>
        <xsl:value-of select="$s"/>
      </xsl:when>
      <xsl:when test="$s = '&#10;' or $s = '&#13;' or $s = '&#9;'">
        <xsl:text> </xsl:text>
      </xsl:when>
      <xsl:otherwise>
        <xsl:value-of select="$s"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The string values of $items joined as English joins a list: "A, B
       and C", or "A; B, C and D" when an item holds a comma. -->
  <xsl:template name="join">
    <xsl:param name="items"/>
    <xsl:variable name="sep">
      <xsl:choose>
        <xsl:when test="$items[contains(., ',')]">; </xsl:when>
        <xsl:otherwise>, </xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:for-each select="$items">
      <xsl:if test="position() &gt; 1">
        <xsl:choose>
          <xsl:when test="position() = last()"> and </xsl:when>
          <xsl:otherwise><xsl:value-of select="$sep"/></xsl:otherwise>
        </xsl:choose>
      </xsl:if>
      <xsl:value-of select="normalize-space(.)"/>
    </xsl:for-each>
  </xsl:template>

</xsl:stylesheet>
