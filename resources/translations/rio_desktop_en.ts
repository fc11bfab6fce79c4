<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>DraftPage</name>
    <message numerus="yes">
        <location filename="../../rio_desktop/ui/draft_page.py" line="426"/>
        <source>The model found %n field(s) in the document, marked in the form: check them.</source>
        <translation>
            <numerusform>The model found %n field in the document, marked in the form: check it.</numerusform>
            <numerusform>The model found %n fields in the document, marked in the form: check them.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ProcessPage</name>
    <message numerus="yes">
        <location filename="../../rio_desktop/ui/process_page.py" line="266"/>
        <location filename="../../rio_desktop/ui/process_page.py" line="363"/>
        <source>%n document(s)</source>
        <translation>
            <numerusform>%n document</numerusform>
            <numerusform>%n documents</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../rio_desktop/ui/process_page.py" line="267"/>
        <source>%n page(s)</source>
        <translation>
            <numerusform>%n page</numerusform>
            <numerusform>%n pages</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ServerPage</name>
    <message numerus="yes">
        <location filename="../../rio_desktop/ui/settings_dialog.py" line="317"/>
        <source>%n model(s)</source>
        <translation>
            <numerusform>%n model</numerusform>
            <numerusform>%n models</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SummarizePage</name>
    <message numerus="yes">
        <location filename="../../rio_desktop/ui/summarize_page.py" line="325"/>
        <location filename="../../rio_desktop/ui/summarize_page.py" line="448"/>
        <source>%n page(s)</source>
        <translation>
            <numerusform>%n page</numerusform>
            <numerusform>%n pages</numerusform>
        </translation>
    </message>
</context>
</TS>
