<?xml version="1.0" encoding="UTF-8"?>
<!--
  The jtai-2015 timeline as a document tree (findings render, document timeline).
  Everything is in ../common/timeline.xsl; the schedule itself is the data
  in timeline.xml beside this file.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="../common/timeline.xsl"/>
</xsl:stylesheet>
