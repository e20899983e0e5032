<?xml version="1.0" encoding="UTF-8"?>
<!--
  tlai-2016/fa-response.xsl: the factual accuracy response (a QA working paper,
  not published). Everything is in ../common/fa-response.xsl; the
  comments cite the numbered paragraphs of the draft letter.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="../common/fa-response.xsl"/>
  <xsl:variable name="draft-name" select="'letter'"/>
</xsl:stylesheet>
