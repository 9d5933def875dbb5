<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>BorrowerPanel</name>
    <message numerus="yes">
        <location filename="../../../ui/pages/desk.py" line="+444"/>
        <source>%n overdue loan(s)</source>
        <translation>
            <numerusform>%n overdue loan</numerusform>
            <numerusform>%n overdue loans</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+7"/>
        <source>%n copy(ies) set aside to collect</source>
        <translation>
            <numerusform>%n copy set aside to collect</numerusform>
            <numerusform>%n copies set aside to collect</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>BranchesPage</name>
    <message numerus="yes">
        <location filename="../../../ui/central_window.py" line="+73"/>
        <source>Bundles refused at import: %n</source>
        <translation>
            <numerusform>Bundles refused at import: %n</numerusform>
            <numerusform>Bundles refused at import: %n</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CirculationPage</name>
    <message numerus="yes">
        <location filename="../../../ui/pages/circulation.py" line="+315"/>
        <source>%n loan(s) from %1 to %2</source>
        <translation>
            <numerusform>%n loan from %1 to %2</numerusform>
            <numerusform>%n loans from %1 to %2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+16"/>
        <source>%n reader(s)</source>
        <translation>
            <numerusform>%n reader</numerusform>
            <numerusform>%n readers</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n work(s)</source>
        <translation>
            <numerusform>%n work</numerusform>
            <numerusform>%n works</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>%n copy(ies) set aside to collect</source>
        <translation>
            <numerusform>%n copy set aside to collect</numerusform>
            <numerusform>%n copies set aside to collect</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DeskCounts</name>
    <message numerus="yes">
        <location filename="../../../ui/pages/desk.py" line="-349"/>
        <source>%n days overdue</source>
        <translation>
            <numerusform>%n day overdue</numerusform>
            <numerusform>%n days overdue</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n copies not taken back</source>
        <translation>
            <numerusform>%n copy not taken back</numerusform>
            <numerusform>%n copies not taken back</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n copies not renewed</source>
        <translation>
            <numerusform>%n copy not renewed</numerusform>
            <numerusform>%n copies not renewed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n copies not lent</source>
        <translation>
            <numerusform>%n copy not lent</numerusform>
            <numerusform>%n copies not lent</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n copies in the basket not done yet</source>
        <translation>
            <numerusform>%n copy in the basket not done yet</numerusform>
            <numerusform>%n copies in the basket not done yet</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DeskPage</name>
    <message numerus="yes">
        <location line="+768"/>
        <source>Lend all %n (Enter)</source>
        <translation>
            <numerusform>Lend all %n (Enter)</numerusform>
            <numerusform>Lend all %n (Enter)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Take back all %n (Enter)</source>
        <translation>
            <numerusform>Take back all %n (Enter)</numerusform>
            <numerusform>Take back all %n (Enter)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Renew all %n (Enter)</source>
        <translation>
            <numerusform>Renew all %n (Enter)</numerusform>
            <numerusform>Renew all %n (Enter)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+40"/>
        <source>Basket: %n copies</source>
        <translation>
            <numerusform>Basket: %n copy</numerusform>
            <numerusform>Basket: %n copies</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+575"/>
        <source>%n copies</source>
        <translation>
            <numerusform>%n copy</numerusform>
            <numerusform>%n copies</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>Took back %n copies</source>
        <translation>
            <numerusform>Took back %n copy</numerusform>
            <numerusform>Took back %n copies</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>Renewed %n copies</source>
        <translation>
            <numerusform>Renewed %n copy</numerusform>
            <numerusform>Renewed %n copies</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+21"/>
        <source>%n refused copies stay in the basket.</source>
        <translation>
            <numerusform>%n refused copy stays in the basket.</numerusform>
            <numerusform>%n refused copies stay in the basket.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+41"/>
        <source>It came back %n days late.</source>
        <translation>
            <numerusform>It came back %n day late.</numerusform>
            <numerusform>It came back %n days late.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <location filename="../../../ui/main_window.py" line="+379"/>
        <source>%n copies in the last basket were not recorded: scan them again.</source>
        <translation>
            <numerusform>%n copy in the last basket was not recorded: scan it again.</numerusform>
            <numerusform>%n copies in the last basket were not recorded: scan them again.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ProgressPanel</name>
    <message numerus="yes">
        <location filename="../../../ui/pages/stocktake.py" line="+124"/>
        <source>%n scan(s)</source>
        <translation>
            <numerusform>%n scan</numerusform>
            <numerusform>%n scans</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RemindersPage</name>
    <message numerus="yes">
        <location filename="../../../ui/pages/reminders.py" line="+248"/>
        <source>%n reminder(s) sent for %1</source>
        <translation>
            <numerusform>%n reminder sent for %1</numerusform>
            <numerusform>%n reminders sent for %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+45"/>
        <source>%n reminder(s)</source>
        <translation>
            <numerusform>%n reminder</numerusform>
            <numerusform>%n reminders</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n letter file(s)</source>
        <translation>
            <numerusform>%n letter file</numerusform>
            <numerusform>%n letter files</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>%n final demand(s): the supervisor&apos;s copies are in the same folder.</source>
        <translation>
            <numerusform>%n final demand: the supervisor&apos;s copies are in the same folder.</numerusform>
            <numerusform>%n final demands: the supervisor&apos;s copies are in the same folder.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReportsPage</name>
    <message numerus="yes">
        <location filename="../../../ui/pages/reports.py" line="+443"/>
        <source>%1 · %n row(s)</source>
        <translation>
            <numerusform>%1 · %n row</numerusform>
            <numerusform>%1 · %n rows</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+30"/>
        <source>Wrote the %1 report (%n row(s)) to %2.</source>
        <translation>
            <numerusform>Wrote the %1 report (%n row) to %2.</numerusform>
            <numerusform>Wrote the %1 report (%n rows) to %2.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>StocktakePage</name>
    <message numerus="yes">
        <location filename="../../../ui/pages/stocktake.py" line="+351"/>
        <source>Stocktake %1 opened: %n copy(ies) expected. Scan them.</source>
        <translation>
            <numerusform>Stocktake %1 opened: %n copy expected. Scan them.</numerusform>
            <numerusform>Stocktake %1 opened: %n copies expected. Scan them.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>WelcomeDialog</name>
    <message numerus="yes">
        <location filename="../../../ui/welcome.py" line="+216"/>
        <source>%n work(s)</source>
        <translation>
            <numerusform>%n work</numerusform>
            <numerusform>%n works</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n copy(ies)</source>
        <translation>
            <numerusform>%n copy</numerusform>
            <numerusform>%n copies</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n borrower(s)</source>
        <translation>
            <numerusform>%n borrower</numerusform>
            <numerusform>%n borrowers</numerusform>
        </translation>
    </message>
</context>
</TS>
