<?xml version="1.0" encoding="UTF-8"?>
<!--
  common/notification.xsl: what every framework's notification email
  shares. templates/<framework>/notification.xsl imports this file and
  says, as data, who is notified and in which words:

    $markdown        the Markdown file of the framework's wording
    $subject-prefix  the subject line before the area's name
    $subject-suffix  and after it ('' when nothing follows)
    $notified-types  agency types that receive an email, " t1 t2 ... "
    $first-type      the agency type the lead inspector telephoned first:
                     its email comes first and, when spoke-with="self",
                     it says "you"
    $to-roles        leader roles addressed in To, " r1 r2 ... "
    $cc-roles        leader roles copied in Cc
    $send-time       the local time of sending, "HH:MM" (Europe/London)
    $needs-theme     'yes' when the wording quotes the theme and its link
    extra-placeholders  a named template adding <placeholder>s of its own

  The result is a document tree (docs/document-tree.md) whose <meta> holds
  <mail>: src/mail.c makes it a MIME message; printed (PDF), it is typeset
  like any document, with the heading a mail client prints (From, Sent,
  To, Cc, Subject: printed-heading below) at the top of its body. The
  Markdown may use these placeholders, set here for the chosen recipient:

    addressee          "Helen Marchbank" (the To leaders' names)
    agency             the addressed agency's name
    area
    spoke-with         the person telephoned, "name, title," or "you"
    spoke-with-pronoun "you", or "them" (the input gives no gender)
    arrival-date       the first day on site, "21 October 2019"
    last-day-on-site   the last day on site (the feedback day), when known
    notification-date  the day of sending
    theme theme-link   when the inspection has a theme
    lead-inspector lead-inspector-phone lead-inspector-email
    qa-manager qa-manager-phone qa-manager-email

  Parameters: to (an agency id, or '' for the first notified agency), and
  the facts of src/facts.h, of which onsite-start-date and onsite-end-date
  are used.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <!-- The catch-all: an element nothing handles is an error. -->
  <xsl:import href="common.xsl"/>

  <xsl:output method="xml" encoding="UTF-8" indent="no"/>

  <xsl:param name="to" select="''"/>
  <xsl:param name="onsite-start-date" select="''"/>
  <xsl:param name="onsite-end-date" select="''"/>

  <xsl:variable name="inspectorate-list"
      select="document('inspectorates.xml')/inspectorates/inspectorate"/>

  <xsl:variable name="needs-theme" select="'yes'"/>
  <xsl:variable name="send-time" select="'09:30'"/>
  <xsl:variable name="subject-suffix" select="''"/>

  <xsl:variable name="insp" select="/inspection"/>
  <xsl:variable name="lead" select="$insp/team/member[@role = 'lead-inspector'][1]"/>
  <xsl:variable name="qa" select="$insp/team/member[@role = 'qa-manager'][1]"/>
  <xsl:variable name="sent-on" select="$insp/calendar/@notified"/>

  <!-- Agencies with a leader to write to, in the order emails go. -->
  <xsl:variable name="notifiable"
      select="$insp/agencies/agency[contains($notified-types, concat(' ', @type, ' '))]
              [leader[contains($to-roles, concat(' ', @role, ' '))]]"/>
  <xsl:variable name="notified-first" select="$notifiable[@type = $first-type]"/>
  <xsl:variable name="notified-rest" select="$notifiable[not(@type = $first-type)]"/>

  <xsl:variable name="agency"
      select="($insp/agencies/agency[$to != '' and @id = $to]
               | $notified-first[$to = ''][1]
               | $notified-rest[$to = '' and not($notified-first)][1])[1]"/>

  <xsl:variable name="to-leaders"
      select="$agency/leader[contains($to-roles, concat(' ', @role, ' '))]"/>
  <xsl:variable name="cc-leaders"
      select="$agency/leader[contains($cc-roles, concat(' ', @role, ' '))]"/>

  <xsl:template match="/">
    <xsl:apply-templates select="inspection"/>
  </xsl:template>

  <xsl:template match="inspection">
    <xsl:call-template name="check"/>
    <document>
      <meta>
        <title>
          <xsl:value-of select="concat($subject-prefix, area, $subject-suffix)"/>
        </title>
        <subject>
          <xsl:value-of select="concat('Notification email to ', $agency/@name)"/>
        </subject>
        <author>
          <xsl:value-of select="concat($lead/@name, ', ', $inspectorate-list[@id = $lead/@inspectorate]/@name)"/>
        </author>
        <lang>
          <xsl:value-of select="@lang"/>
          <xsl:if test="not(@lang)">en-GB</xsl:if>
        </lang>
        <xsl:call-template name="mail"/>
      </meta>
      <body>
        <xsl:call-template name="printed-heading"/>
        <markdown src="{$markdown}"/>
        <xsl:call-template name="signature"/>
        <xsl:call-template name="team"/>
      </body>
    </document>
  </xsl:template>

  <!-- What the wording needs and the input may lack: each an error at
       the element that should have had it. -->
  <xsl:template name="check">
    <xsl:if test="not($lead/@email)">
      <xsl:for-each select="$lead | team[not($lead)]">
        <xsl:message terminate="yes">the notification email is sent by the lead inspector: a member with role="lead-inspector" and an email is required</xsl:message>
      </xsl:for-each>
    </xsl:if>
    <xsl:if test="not($qa/@phone) or not($qa/@email)">
      <xsl:for-each select="$qa | team[not($qa)]">
        <xsl:message terminate="yes">the notification email gives the quality assurance manager's name, number and email: a member with role="qa-manager", phone and email is required</xsl:message>
      </xsl:for-each>
    </xsl:if>
    <xsl:if test="$needs-theme = 'yes' and not(theme/@link)">
      <xsl:for-each select="theme | area[not(../theme)]">
        <xsl:message terminate="yes">the notification email links to the guidance on the deep dive theme: theme/@link is required</xsl:message>
      </xsl:for-each>
    </xsl:if>
    <xsl:if test="$to != '' and not(agencies/agency[@id = $to])">
      <xsl:for-each select="agencies">
        <xsl:message terminate="yes">--to <xsl:value-of select="$to"/>: no agency has this id</xsl:message>
      </xsl:for-each>
    </xsl:if>
    <xsl:if test="$to != '' and not($notifiable[@id = $to])">
      <xsl:for-each select="agencies/agency[@id = $to]">
        <xsl:message terminate="yes">--to <xsl:value-of select="$to"/>: this framework's notification email does not go to this agency (it goes to: <xsl:call-template name="notified-ids"/>)</xsl:message>
      </xsl:for-each>
    </xsl:if>
    <xsl:if test="not($agency)">
      <xsl:for-each select="agencies">
        <xsl:message terminate="yes">no agency has a leader this framework notifies (roles:<xsl:value-of select="$to-roles"/>)</xsl:message>
      </xsl:for-each>
    </xsl:if>
    <xsl:for-each select="$to-leaders[not(@email)]">
      <xsl:message terminate="yes">the notification email is addressed to <xsl:value-of select="@name"/>: this leader needs an email</xsl:message>
    </xsl:for-each>
    <xsl:for-each select="$cc-leaders[not(@email)]">
      <xsl:message terminate="no">leader <xsl:value-of select="@name"/> has no email and is left out of the notification email's Cc</xsl:message>
    </xsl:for-each>
    <xsl:if test="$onsite-start-date = ''">
      <xsl:for-each select="calendar">
        <xsl:message terminate="yes">the notification email needs the first day on site (the fact onsite-start-date): the framework's timeline gives none</xsl:message>
      </xsl:for-each>
    </xsl:if>
  </xsl:template>

  <xsl:template name="notified-ids">
    <xsl:for-each select="$notified-first | $notified-rest">
      <xsl:sort select="number(not(@type = $first-type))" data-type="number"/>
      <xsl:if test="position() > 1">
        <xsl:text> </xsl:text>
      </xsl:if>
      <xsl:value-of select="@id"/>
    </xsl:for-each>
  </xsl:template>

  <!-- "A", "A and B", "A, B and C" from the name attributes of nodes. -->
  <xsl:template name="names">
    <xsl:param name="nodes"/>
    <xsl:for-each select="$nodes">
      <xsl:if test="position() > 1 and position() = last()"> and </xsl:if>
      <xsl:if test="position() > 1 and position() != last()">, </xsl:if>
      <xsl:value-of select="@name"/>
    </xsl:for-each>
  </xsl:template>

  <xsl:template name="mail">
    <xsl:variable name="domain" select="substring-after($lead/@email, '@')"/>
    <mail subject="{concat($subject-prefix, $insp/area, $subject-suffix)}"
          date="{$sent-on}" time="{$send-time}"
          id-key="{concat($insp/@ref, ' notification ', $agency/@id)}"
          id-domain="{$domain}">
      <xsl:attribute name="notified">
        <xsl:call-template name="notified-ids"/>
      </xsl:attribute>
      <from name="{$lead/@name}" address="{$lead/@email}"/>
      <xsl:for-each select="$to-leaders">
        <to name="{@name}" address="{@email}"/>
      </xsl:for-each>
      <xsl:for-each select="$cc-leaders[@email]">
        <cc name="{@name}" address="{@email}"/>
      </xsl:for-each>
      <placeholder name="addressee">
        <xsl:call-template name="names">
          <xsl:with-param name="nodes" select="$to-leaders"/>
        </xsl:call-template>
      </placeholder>
      <placeholder name="agency"><xsl:value-of select="$agency/@name"/></placeholder>
      <placeholder name="area"><xsl:value-of select="$insp/area"/></placeholder>
      <xsl:call-template name="spoke-with"/>
      <placeholder name="arrival-date"><xsl:value-of select="$onsite-start-date"/></placeholder>
      <xsl:if test="$onsite-end-date != ''">
        <placeholder name="last-day-on-site"><xsl:value-of select="$onsite-end-date"/></placeholder>
      </xsl:if>
      <placeholder name="notification-date">
        <xsl:value-of select="fd:date(string($sent-on))"
            xmlns:fd="urn:findings:xslt"/>
      </placeholder>
      <xsl:if test="$insp/theme">
        <placeholder name="theme"><xsl:value-of select="normalize-space($insp/theme)"/></placeholder>
        <placeholder name="theme-link"><xsl:value-of select="$insp/theme/@link"/></placeholder>
      </xsl:if>
      <placeholder name="lead-inspector"><xsl:value-of select="$lead/@name"/></placeholder>
      <placeholder name="lead-inspector-phone"><xsl:value-of select="$lead/@phone"/></placeholder>
      <placeholder name="lead-inspector-email"><xsl:value-of select="$lead/@email"/></placeholder>
      <placeholder name="qa-manager"><xsl:value-of select="$qa/@name"/></placeholder>
      <placeholder name="qa-manager-phone"><xsl:value-of select="$qa/@phone"/></placeholder>
      <placeholder name="qa-manager-email"><xsl:value-of select="$qa/@email"/></placeholder>
      <xsl:call-template name="extra-placeholders"/>
    </mail>
  </xsl:template>

  <xsl:template name="extra-placeholders"/>

  <!--
    The email as a mail client prints it: the subject as a heading, then
    From, Sent, To, Cc and Subject, from the same values as <mail>.
    envelope="yes": the message's parts leave these blocks out, since a
    mail client shows the headers itself (src/mail.c); the printed email
    (PDF) shows them like any other block.
  -->
  <xsl:template name="printed-heading">
    <xsl:variable name="subject"
        select="concat($subject-prefix, $insp/area, $subject-suffix)"/>
    <h1 envelope="yes"><xsl:value-of select="$subject"/></h1>
    <address envelope="yes">
      <line>
        <b>From:</b>
        <xsl:text> </xsl:text>
        <xsl:call-template name="mailbox">
          <xsl:with-param name="who" select="$lead"/>
        </xsl:call-template>
      </line>
      <line>
        <b>Sent:</b>
        <xsl:value-of select="concat(' ', fd:weekday(string($sent-on)), ' ',
                                     fd:date(string($sent-on)), ' ', $send-time)"
            xmlns:fd="urn:findings:xslt"/>
      </line>
      <xsl:call-template name="mailbox-line">
        <xsl:with-param name="label">To:</xsl:with-param>
        <xsl:with-param name="who" select="$to-leaders"/>
      </xsl:call-template>
      <xsl:call-template name="mailbox-line">
        <xsl:with-param name="label">Cc:</xsl:with-param>
        <xsl:with-param name="who" select="$cc-leaders[@email]"/>
      </xsl:call-template>
      <line>
        <b>Subject:</b>
        <xsl:value-of select="concat(' ', $subject)"/>
      </line>
    </address>
  </xsl:template>

  <!-- "Label: A <a@x>; B <b@y>", no line when there is no one. -->
  <xsl:template name="mailbox-line">
    <xsl:param name="label"/>
    <xsl:param name="who"/>
    <xsl:if test="$who">
      <line>
        <b><xsl:value-of select="$label"/></b>
        <xsl:text> </xsl:text>
        <xsl:for-each select="$who">
          <xsl:if test="position() > 1">; </xsl:if>
          <xsl:call-template name="mailbox">
            <xsl:with-param name="who" select="."/>
          </xsl:call-template>
        </xsl:for-each>
      </line>
    </xsl:if>
  </xsl:template>

  <!-- "Name <address>", the address a mailto: link; the address alone
       for someone without a name. -->
  <xsl:template name="mailbox">
    <xsl:param name="who"/>
    <xsl:variable name="named" select="normalize-space($who/@name) != ''"/>
    <xsl:if test="$named">
      <xsl:value-of select="concat($who/@name, ' &lt;')"/>
    </xsl:if>
    <a href="mailto:{$who/@email}"><xsl:value-of select="$who/@email"/></a>
    <xsl:if test="$named">&gt;</xsl:if>
  </xsl:template>

  <!--
    "Earlier today I spoke with [insert name and title or 'you'] to inform
    him/her/you": "you" when the addressee is the person telephoned (the
    first agency's leader, spoke-with="self"). Otherwise the person's name
    and title, and "them": the input records no one's gender. The other
    agencies' emails name the person at the first agency that was
    telephoned, with the agency. A name and title end with the comma that
    closes them, so the sentence reads "I spoke with Ann Other, Deputy
    DCS, to inform them".
  -->
  <xsl:template name="spoke-with">
    <xsl:variable name="sw" select="normalize-space($insp/notification/@spoke-with)"/>
    <xsl:variable name="first" select="$notified-first[1]"/>
    <xsl:variable name="first-leader"
        select="$first/leader[contains($to-roles, concat(' ', @role, ' '))][1]"/>
    <xsl:variable name="own" select="$agency/@type = $first-type"/>
    <placeholder name="spoke-with">
      <xsl:choose>
        <xsl:when test="$sw = 'self' and $own">you</xsl:when>
        <xsl:when test="$sw = 'self'">
          <xsl:value-of select="concat($first-leader/@name, ', ', $first-leader/@title,
                                       ', ', $first/@name, ',')"/>
        </xsl:when>
        <xsl:when test="$own and contains($sw, ',')">
          <xsl:value-of select="concat($sw, ',')"/>
        </xsl:when>
        <xsl:when test="$own">
          <xsl:value-of select="$sw"/>
        </xsl:when>
        <xsl:otherwise>
          <xsl:value-of select="concat($sw, ', ', $first/@name, ',')"/>
        </xsl:otherwise>
      </xsl:choose>
    </placeholder>
    <placeholder name="spoke-with-pronoun">
      <xsl:choose>
        <xsl:when test="$sw = 'self' and $own">you</xsl:when>
        <xsl:otherwise>them</xsl:otherwise>
      </xsl:choose>
    </placeholder>
  </xsl:template>

  <xsl:template name="signature">
    <signatures>
      <signatory>
        <name><xsl:value-of select="$lead/@name"/></name>
        <title>Lead inspector</title>
        <organisation>
          <xsl:value-of select="$inspectorate-list[@id = $lead/@inspectorate]/@name"/>
        </organisation>
      </signatory>
    </signatures>
    <p number="no">
      <xsl:if test="$lead/@phone">
        <xsl:text>Telephone: </xsl:text>
        <xsl:value-of select="$lead/@phone"/>
        <br/>
      </xsl:if>
      <xsl:text>Email: </xsl:text>
      <a href="mailto:{$lead/@email}"><xsl:value-of select="$lead/@email"/></a>
    </p>
  </xsl:template>

  <!-- "The names and contact details of the inspection team are appended
       to this letter." -->
  <xsl:template name="team">
    <h2>The inspection team</h2>
    <list>
      <xsl:for-each select="$insp/team/member">
        <item>
          <b><xsl:value-of select="@name"/></b>
          <xsl:text>, </xsl:text>
          <xsl:choose>
            <xsl:when test="@role = 'lead-inspector'">lead inspector</xsl:when>
            <xsl:when test="@role = 'qa-manager'">quality assurance manager</xsl:when>
            <xsl:when test="@role = 'analyst'">analyst</xsl:when>
            <xsl:otherwise>inspector</xsl:otherwise>
          </xsl:choose>
          <xsl:text>, </xsl:text>
          <xsl:value-of select="$inspectorate-list[@id = current()/@inspectorate]/@short"/>
          <xsl:if test="@email">
            <br/>
            <xsl:text>Email: </xsl:text>
            <a href="mailto:{@email}"><xsl:value-of select="@email"/></a>
          </xsl:if>
          <xsl:if test="@phone">
            <br/>
            <xsl:text>Telephone: </xsl:text>
            <xsl:value-of select="@phone"/>
          </xsl:if>
        </item>
      </xsl:for-each>
    </list>
  </xsl:template>

</xsl:stylesheet>
