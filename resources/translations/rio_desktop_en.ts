<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>ServerPage</name>
    <message numerus="yes">
        <location filename="../../rio_desktop/ui/settings_dialog.py" line="306"/>
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
        <location filename="../../rio_desktop/ui/summarize_page.py" line="307"/>
        <location filename="../../rio_desktop/ui/summarize_page.py" line="409"/>
        <source>%n page(s)</source>
        <translation>
            <numerusform>%n page</numerusform>
            <numerusform>%n pages</numerusform>
        </translation>
    </message>
</context>
</TS>
