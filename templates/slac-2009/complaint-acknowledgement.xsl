<?xml version="1.0" encoding="UTF-8"?>
<!--
  The slac-2009 acknowledgement of a complaint (findings render, document
  complaint-acknowledgement, option id). Everything is in
  ../common/complaint-acknowledgement.xsl; the procedure is complaints.xml
  and the words after-data.xml and complaint-*.md beside this file.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="../common/complaint-acknowledgement.xsl"/>
  <xsl:variable name="inspectorates"
      select="document('../common/inspectorates.xml')/inspectorates"/>
</xsl:stylesheet>
