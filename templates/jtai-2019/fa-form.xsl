<?xml version="1.0" encoding="UTF-8"?>
<!--
  jtai-2019/fa-form.xsl: the factual accuracy return form (not published).
  Everything is in ../common/fa-form.xsl; its rows are the numbered
  paragraphs of the draft as src/faform.c lists them.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="../common/fa-form.xsl"/>
</xsl:stylesheet>
