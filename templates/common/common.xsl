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
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:fd="urn:findings:xslt" exclude-result-prefixes="fd">

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
       line breaks as spaces (fd:md-escape, in C: a template took a call
       a character). -->
  <xsl:template name="md-escape">
    <xsl:param name="s"/>
    <xsl:value-of select="fd:md-escape($s)"/>
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
