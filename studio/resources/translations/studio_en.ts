<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>BatchPanel</name>
    <message numerus="yes">
        <source>(%n more)</source>
        <translation>
            <numerusform>(%n more)</numerusform>
            <numerusform>(%n more)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Send these %n prompt(s) again? Each is a new job.</source>
        <translation>
            <numerusform>Send this %n prompt again? It is a new job.</numerusform>
            <numerusform>Send these %n prompts again? Each is a new job.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Send these %n prompt(s) again? Each is a new job, paid for again.</source>
        <translation>
            <numerusform>Send this %n prompt again? It is a new job, paid for again.</numerusform>
            <numerusform>Send these %n prompts again? Each is a new job, paid for again.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Resuming an unfinished batch of %n prompt(s).</source>
        <translation>
            <numerusform>Resuming an unfinished batch of %n prompt.</numerusform>
            <numerusform>Resuming an unfinished batch of %n prompts.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n member(s) were being sent when the studio stopped: not sent again.</source>
        <translation>
            <numerusform>%n member was being sent when the studio stopped: not sent again.</numerusform>
            <numerusform>%n members were being sent when the studio stopped: not sent again.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>A batch of %n prompt(s) from the history.</source>
        <translation>
            <numerusform>A batch of %n prompt from the history.</numerusform>
            <numerusform>A batch of %n prompts from the history.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n prompt(s), about %1 in all. First:</source>
        <translation>
            <numerusform>%n prompt, about %1 in all. First:</numerusform>
            <numerusform>%n prompts, about %1 in all. First:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n prompt(s) (no estimate for this model: each cost shows after its job). First:</source>
        <translation>
            <numerusform>%n prompt (no estimate for this model: its cost shows after its job). First:</numerusform>
            <numerusform>%n prompts (no estimate for this model: each cost shows after its job). First:</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>BatchResumeBanner</name>
    <message numerus="yes">
        <source>(%n more unfinished)</source>
        <translation>
            <numerusform>(%n more unfinished)</numerusform>
            <numerusform>(%n more unfinished)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>A comparison was not finished: “%1”, %n of %2 target(s) left to send.</source>
        <translation>
            <numerusform>A comparison was not finished: “%1”, %n of %2 targets left to send.</numerusform>
            <numerusform>A comparison was not finished: “%1”, %n of %2 targets left to send.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n target(s) were being sent when the studio stopped: not sent again.</source>
        <translation>
            <numerusform>%n target was being sent when the studio stopped: not sent again.</numerusform>
            <numerusform>%n targets were being sent when the studio stopped: not sent again.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>GalleryDock</name>
    <message numerus="yes">
        <source>%n+ job(s)</source>
        <translation>
            <numerusform>%n+ jobs</numerusform>
            <numerusform>%n+ jobs</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n job(s)</source>
        <translation>
            <numerusform>%n job</numerusform>
            <numerusform>%n jobs</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported %n file(s) to {folder}</source>
        <translation>
            <numerusform>Exported %n file to {folder}</numerusform>
            <numerusform>Exported %n files to {folder}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Deleted %n job(s).</source>
        <translation>
            <numerusform>Deleted %n job.</numerusform>
            <numerusform>Deleted %n jobs.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Delete this comparison: its %n job(s) and their images? You can undo this until you quit.</source>
        <translation>
            <numerusform>Delete this comparison: its %n job and its images? You can undo this until you quit.</numerusform>
            <numerusform>Delete this comparison: its %n jobs and their images? You can undo this until you quit.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Delete this batch: its %n job(s) and their images? You can undo this until you quit.</source>
        <translation>
            <numerusform>Delete this batch: its %n job and its images? You can undo this until you quit.</numerusform>
            <numerusform>Delete this batch: its %n jobs and their images? You can undo this until you quit.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Delete %n job(s) and their images? You can undo this until you quit.</source>
        <translation>
            <numerusform>Delete %n job and its images? You can undo this until you quit.</numerusform>
            <numerusform>Delete %n jobs and their images? You can undo this until you quit.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>InputsPanel</name>
    <message numerus="yes">
        <source>Removed %n input(s). Ctrl+Z in the inputs puts them back.</source>
        <translation>
            <numerusform>Removed %n input. Ctrl+Z in the inputs puts it back.</numerusform>
            <numerusform>Removed %n inputs. Ctrl+Z in the inputs puts them back.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>This model takes at most %n input image(s).</source>
        <translation>
            <numerusform>This model takes at most %n input image.</numerusform>
            <numerusform>This model takes at most %n input images.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>JobNotifier</name>
    <message numerus="yes">
        <source>%n image(s) ready.</source>
        <translation>
            <numerusform>%n image ready.</numerusform>
            <numerusform>%n images ready.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>JobRow</name>
    <message numerus="yes">
        <source>Running, %n image(s) so far · %1</source>
        <translation>
            <numerusform>Running, %n image so far · %1</numerusform>
            <numerusform>Running, %n images so far · %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Done in %1 · %n image(s)</source>
        <translation>
            <numerusform>Done in %1 · %n image</numerusform>
            <numerusform>Done in %1 · %n images</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n request(s) failed</source>
        <translation>
            <numerusform>%n request failed</numerusform>
            <numerusform>%n requests failed</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ProvidersPage</name>
    <message numerus="yes">
        <source>Removed %n key(s) from the keyring.</source>
        <translation>
            <numerusform>Removed %n key from the keyring.</numerusform>
            <numerusform>Removed %n keys from the keyring.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Connected: %n model(s).</source>
        <translation>
            <numerusform>Connected: %n model.</numerusform>
            <numerusform>Connected: %n models.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RecoveryBanner</name>
    <message numerus="yes">
        <source>%n paid result(s) could not be read.</source>
        <translation>
            <numerusform>%n paid result could not be read.</numerusform>
            <numerusform>%n paid results could not be read.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ThreadWords</name>
    <message numerus="yes">
        <source>Thread · %n turn(s)</source>
        <translation>
            <numerusform>Thread · %n turn</numerusform>
            <numerusform>Thread · %n turns</numerusform>
        </translation>
    </message>
</context>
</TS>
