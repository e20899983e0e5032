<?xml version="1.0" encoding="UTF-8"?>
<!--
  complaints-timeline.xsl: the milestones of each complaint about the
  inspection, for the timeline (included by timeline.xsl). The procedure
  is data, templates/<framework>/complaints.xml; each milestone is dated
  by counting its working days from the day the complaint was received,
  on the inspection's calendar, as findings timeline and the
  acknowledgement letter count them.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:fd="urn:findings:xslt"
    exclude-result-prefixes="fd">

  <!-- "yes" when the framework has a complaints.xml (src/after.h): the
       sandbox refuses to read a file that is not there. -->
  <xsl:param name="complaint-procedure" select="'no'"/>

  <xsl:template name="complaint-milestones">
    <xsl:if test="/inspection/complaints/complaint and $complaint-procedure = 'yes'">
      <xsl:call-template name="complaint-tables"/>
    </xsl:if>
  </xsl:template>

  <xsl:template name="complaint-tables">
    <xsl:variable name="procedures"
        select="document(concat('../', /inspection/@framework, '/complaints.xml'))/complaints"/>
    <xsl:for-each select="/inspection/complaints/complaint">
      <xsl:variable name="c" select="."/>
      <xsl:variable name="proc"
          select="$procedures/procedure[contains(concat(' ', normalize-space(@about), ' '), concat(' ', $c/@about, ' '))][1]"/>
      <xsl:if test="$proc">
        <h2><xsl:value-of select="concat('Complaint ', @id, ': ', $proc/@title)"/></h2>
        <p number="no">
          <xsl:value-of select="concat('Received on ', fd:weekday(@received), ' ', fd:date(@received), '. Working days are counted from that day (', $procedures/@source, ' of the guidance).')"/>
        </p>
        <table>
          <col width="11%"/><col width="27%"/><col width="2*"/><col width="1*"/>
          <thead>
            <tr><th>Day</th><th>Date</th><th>Milestone</th><th>Who</th></tr>
          </thead>
          <tbody>
            <xsl:for-each select="$proc/milestone">
              <xsl:variable name="d" select="fd:add-working-days($c/@received, number(@days))"/>
              <tr>
                <td><xsl:value-of select="concat('+', @days)"/></td>
                <td><xsl:value-of select="concat(fd:weekday($d), ' ', fd:date($d))"/></td>
                <td><xsl:value-of select="normalize-space(.)"/></td>
                <td><xsl:value-of select="@who"/></td>
              </tr>
            </xsl:for-each>
          </tbody>
        </table>
      </xsl:if>
    </xsl:for-each>
  </xsl:template>

</xsl:stylesheet>
