<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ABDialog</name>
    <message>
        <source>Compare A/B</source>
        <translation>A/B 对比</translation>
    </message>
    <message>
        <source>Pictures A and B</source>
        <translation>图片 A 与 B</translation>
    </message>
    <message>
        <source>A (left): %1 · B (right): %2 · drag the line or use ← →</source>
        <translation>A（左）：%1 · B（右）：%2 · 拖动分割线或使用 ← →</translation>
    </message>
</context>
<context>
    <name>AboutDialog</name>
    <message>
        <source>About %1</source>
        <translation>关于 %1</translation>
    </message>
    <message>
        <source>Generate, edit and vary images with OpenAI-compatible APIs.</source>
        <translation>使用 OpenAI 兼容接口生成、编辑图像并制作变体。</translation>
    </message>
    <message>
        <source>Version: %1</source>
        <translation>版本：%1</translation>
    </message>
    <message>
        <source>Qt: %1 (PySide6 %2)</source>
        <translation>Qt：%1（PySide6 %2）</translation>
    </message>
    <message>
        <source>Python: %1</source>
        <translation>Python：%1</translation>
    </message>
    <message>
        <source>Data folder: %1</source>
        <translation>数据文件夹：%1</translation>
    </message>
    <message>
        <source>Settings folder: %1</source>
        <translation>设置文件夹：%1</translation>
    </message>
    <message>
        <source>Open data folder</source>
        <translation>打开数据文件夹</translation>
    </message>
    <message>
        <source>Show the folder with history and images</source>
        <translation>显示存放历史记录和图像的文件夹</translation>
    </message>
</context>
<context>
    <name>AnimationBar</name>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>播放</translation>
    </message>
    <message>
        <source>%1 ms each</source>
        <translation>每帧 %1 毫秒</translation>
    </message>
    <message>
        <source>%1 ms (total %2 ms)</source>
        <translation>%1 毫秒（共 %2 毫秒）</translation>
    </message>
    <message>
        <source>Frame %1 of %2</source>
        <translation>第 %1 帧，共 %2 帧</translation>
    </message>
    <message>
        <source>Play or pause the animation</source>
        <translation>播放或暂停动画</translation>
    </message>
    <message>
        <source>Previous frame</source>
        <translation>上一帧</translation>
    </message>
    <message>
        <source>Next frame</source>
        <translation>下一帧</translation>
    </message>
    <message>
        <source>◀ Frame</source>
        <translation>◀ 上一帧</translation>
    </message>
    <message>
        <source>Frame ▶</source>
        <translation>下一帧 ▶</translation>
    </message>
</context>
<context>
    <name>AttachedInputs</name>
    <message>
        <source>Images sent with this turn: %1</source>
        <translation>随本轮发送的图片：%1</translation>
    </message>
    <message>
        <source>No images attached (drop, paste or add them here)</source>
        <translation>未附加图片（拖放、粘贴或在此添加）</translation>
    </message>
</context>
<context>
    <name>BatchPanel</name>
    <message>
        <source>line %1: %2</source>
        <translation>第 %1 行：%2</translation>
    </message>
    <message numerus="yes">
        <source>(%n more)</source>
        <translation>
            <numerusform>（另有 %n 行）</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing can be sent: %1</source>
        <translation>无法发送任何内容：%1</translation>
    </message>
    <message>
        <source>Send the batch again?</source>
        <translation>再次发送这个批量任务？</translation>
    </message>
    <message numerus="yes">
        <source>Send these %n prompt(s) again? Each is a new job.</source>
        <translation>
            <numerusform>再次发送这 %n 个提示词？每个都是新任务。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Send these %n prompt(s) again? Each is a new job, paid for again.</source>
        <translation>
            <numerusform>再次发送这 %n 个提示词？每个都是新任务，会再次计费。</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Send again</source>
        <translation>再次发送(&amp;S)</translation>
    </message>
    <message numerus="yes">
        <source>Resuming an unfinished batch of %n prompt(s).</source>
        <translation>
            <numerusform>正在继续一个未完成的批量任务，共 %n 个提示词。</numerusform>
        </translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>正在开始…</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Stopped by the spend cap</source>
        <translation>已因花费上限停止</translation>
    </message>
    <message>
        <source>Stopped; the rest is kept for the next start</source>
        <translation>已停止；其余部分留到下次启动</translation>
    </message>
    <message>
        <source>Not finished</source>
        <translation>未完成</translation>
    </message>
    <message>
        <source>%1: %2 of %3 succeeded.</source>
        <translation>%1：%3 个中成功 %2 个。</translation>
    </message>
    <message numerus="yes">
        <source>%n member(s) were being sent when the studio stopped: not sent again.</source>
        <translation>
            <numerusform>工作室停止时有 %n 个成员正在发送：不会再次发送。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>A batch of %n prompt(s) from the history.</source>
        <translation>
            <numerusform>历史记录中的批量任务，共 %n 个提示词。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n prompt(s), about %1 in all. First:</source>
        <translation>
            <numerusform>共 %n 条提示词，总计约 %1。前几条：</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n prompt(s) (no estimate for this model: each cost shows after its job). First:</source>
        <translation>
            <numerusform>共 %n 条提示词（此模型无法预估费用：每个任务完成后显示其费用）。前几条：</numerusform>
        </translation>
    </message>
    <message>
        <source>The batch stopped: %1</source>
        <translation>批量任务已停止：%1</translation>
    </message>
</context>
<context>
    <name>BatchResumeBanner</name>
    <message>
        <source>&amp;Resume batch</source>
        <translation>继续批量任务(&amp;R)</translation>
    </message>
    <message>
        <source>Send the members not sent yet; none is ever sent twice</source>
        <translation>发送尚未发送的成员；任何成员都不会发送两次</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>丢弃</translation>
    </message>
    <message>
        <source>Skip what was left; the finished members stay</source>
        <translation>跳过剩余部分；已完成的成员保留</translation>
    </message>
    <message>
        <source>&amp;Resume comparison</source>
        <translation>继续对比(&amp;R)</translation>
    </message>
    <message>
        <source>Send the targets not sent yet; none is ever sent twice</source>
        <translation>发送尚未发送的目标；任何目标都不会发送两次</translation>
    </message>
    <message>
        <source>Skip the targets not sent yet; the answered ones stay</source>
        <translation>跳过尚未发送的目标；已有回复的目标保留</translation>
    </message>
    <message>
        <source>A batch was not finished: “%1”, %2 of %3 done.</source>
        <translation>有一个批量任务未完成：“%1”，已完成 %2 / %3。</translation>
    </message>
    <message numerus="yes">
        <source>(%n more unfinished)</source>
        <translation>
            <numerusform>（另有 %n 个未完成）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>A comparison was not finished: “%1”, %n of %2 target(s) left to send.</source>
        <translation>
            <numerusform>有一个对比未完成：“%1”，%2 个目标中还有 %n 个待发送。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n target(s) were being sent when the studio stopped: not sent again.</source>
        <translation>
            <numerusform>工作室停止时有 %n 个目标正在发送：不会再次发送。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>BatchRetry</name>
    <message>
        <source>“%1” was sent again since: its newest job is in the history.</source>
        <translation>“%1”此后已重新发送过：最新的任务在历史记录中。</translation>
    </message>
    <message>
        <source>“%1” was refused before anything was sent: it would be again.</source>
        <translation>“%1”在发送前就被拒绝了，再试也会一样被拒绝。</translation>
    </message>
    <message>
        <source>Retry sends “%1” again, as a new job in this batch.</source>
        <translation>“重试”会再次发送“%1”，作为此批量中的新任务。</translation>
    </message>
    <message>
        <source>Retrying “%1” could take this batch past its spend cap of %3: its price is not known. It is not sent.</source>
        <translation>重试“%1”可能使此批量超出 %3 的花费上限：它的价格未知。未发送。</translation>
    </message>
    <message>
        <source>Retrying “%1” could take this batch past its spend cap: %2 of %3 spent, and it costs about %4. It is not sent.</source>
        <translation>重试“%1”可能使此批量超出花费上限：已花费 %2（上限 %3），它约需 %4。未发送。</translation>
    </message>
</context>
<context>
    <name>BatchTexts</name>
    <message>
        <source>No API key for %1: add one in Settings → Providers (click the name) to run this batch.</source>
        <translation>%1 没有 API 密钥：请在“设置 → 服务商”中添加（点击名称即可前往），然后运行此批量。</translation>
    </message>
    <message>
        <source>%1 simulated (the sandbox charges nothing)</source>
        <translation>模拟 %1（沙盒不收费）</translation>
    </message>
    <message>
        <source>%1 spent</source>
        <translation>已花费 %1</translation>
    </message>
    <message>
        <source>%1 of %2 done, %3 failed, %4</source>
        <translation>已完成 %1 / %2，失败 %3，%4</translation>
    </message>
    <message>
        <source>Paused: what is on its way finishes, nothing more is sent until you resume.</source>
        <translation>已暂停：已发出的请求会完成，继续之前不再发送新的请求。</translation>
    </message>
    <message>
        <source>, about %1 s left</source>
        <translation>，约剩 %1 秒</translation>
    </message>
    <message>
        <source>&amp;Resume</source>
        <translation>继续(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>暂停(&amp;P)</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>批量</translation>
    </message>
    <message>
        <source>%1 on %2</source>
        <translation>%2 上的 %1</translation>
    </message>
    <message>
        <source>Model:</source>
        <translation>模型：</translation>
    </message>
    <message>
        <source>&amp;Template:</source>
        <translation>模板(&amp;T)：</translation>
    </message>
    <message>
        <source>&amp;Values:</source>
        <translation>取值(&amp;V)：</translation>
    </message>
    <message>
        <source>&amp;At once per provider:</source>
        <translation>每个服务商同时运行(&amp;A)：</translation>
    </message>
    <message>
        <source>Spend &amp;cap (%1, 0 = none):</source>
        <translation>花费上限(&amp;C)（%1，0 = 不限）：</translation>
    </message>
    <message>
        <source>Each name in braces in the template is filled from the column of that name: the first line of Values names the columns, each line after it makes one prompt.</source>
        <translation>模板中花括号里的每个名称由同名的列填入：“值”的第一行是列名，其后每一行生成一条提示词。</translation>
    </message>
    <message>
        <source>animal</source>
        <translation>动物</translation>
    </message>
    <message>
        <source>style</source>
        <translation>风格</translation>
    </message>
    <message>
        <source>a %1 in %2</source>
        <translation>%2风格的%1</translation>
    </message>
    <message>
        <source>animal,style
cat,oil paint
fox,ink

(CSV or TSV with a header, or one value per line)</source>
        <translation>动物,风格
猫,油画
狐狸,水墨

（带表头的 CSV 或 TSV，或每行一个值）</translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation>开始(&amp;S)</translation>
    </message>
    <message>
        <source>Show the P&amp;ictures</source>
        <translation>查看图片(&amp;I)</translation>
    </message>
    <message>
        <source>List this batch&apos;s pictures in the history</source>
        <translation>在历史记录中列出这个批量任务的图片</translation>
    </message>
    <message>
        <source>Retr&amp;y It</source>
        <translation>重试(&amp;Y)</translation>
    </message>
    <message>
        <source>Send this prompt again, as a new job in the same batch</source>
        <translation>再次发送此提示词，作为同一批量中的新任务</translation>
    </message>
    <message>
        <source>Cancel &amp;batch</source>
        <translation>取消批量(&amp;B)</translation>
    </message>
    <message>
        <source>C&amp;lose</source>
        <translation>关闭(&amp;L)</translation>
    </message>
    <message>
        <source>Each prompt edited the same input images.</source>
        <translation>每个提示词都编辑了同样的输入图片。</translation>
    </message>
    <message>
        <source>Add an input image in Edit mode first: a batch of edits sends every prompt the same picture (and its mask) to edit.</source>
        <translation>请先在编辑模式中添加输入图片：批量编辑会把同一张图片（及其蒙版）随每个提示词发送去编辑。</translation>
    </message>
    <message>
        <source>Each prompt edits the input images (with the mask, if one is painted); a row the model cannot take stops the batch before anything is sent.</source>
        <translation>每个提示词都编辑输入图片（如已绘制蒙版则一并使用）；若有模型无法接受的行，批量任务会在发送任何内容之前停止。</translation>
    </message>
</context>
<context>
    <name>BranchSwitcher</name>
    <message>
        <source>%1 branches continue here</source>
        <translation>有 %1 个分支从这里继续</translation>
    </message>
    <message>
        <source>Branch %1 of %2</source>
        <translation>第 %1 个分支，共 %2 个</translation>
    </message>
    <message>
        <source>The turns that continue this one: choose which to show</source>
        <translation>从这一轮继续的各个分支：选择要显示哪一个</translation>
    </message>
    <message>
        <source>Show the previous branch</source>
        <translation>显示上一个分支</translation>
    </message>
    <message>
        <source>Show the next branch</source>
        <translation>显示下一个分支</translation>
    </message>
</context>
<context>
    <name>CloseGuard</name>
    <message>
        <source>Jobs still running</source>
        <translation>仍有任务在运行</translation>
    </message>
    <message>
        <source>1 job is still running.</source>
        <translation>还有 1 个任务在运行。</translation>
    </message>
    <message>
        <source>%1 jobs are still running.</source>
        <translation>还有 %1 个任务在运行。</translation>
    </message>
    <message>
        <source>A request already sent may be billed. Wait for the result, let it finish in the background (it is kept in the history), or cancel it.</source>
        <translation>已发送的请求可能已经计费。可以等待结果，让它在后台完成（结果保存在历史中），或者取消它。</translation>
    </message>
    <message>
        <source>Wait</source>
        <translation>等待</translation>
    </message>
    <message>
        <source>Keep the window open and close once it is done</source>
        <translation>保持窗口打开，完成后再关闭</translation>
    </message>
    <message>
        <source>Run in background</source>
        <translation>在后台运行</translation>
    </message>
    <message>
        <source>Hide the window now; the studio quits once the job is done</source>
        <translation>现在隐藏窗口；任务完成后程序退出</translation>
    </message>
    <message>
        <source>Cancel the job</source>
        <translation>取消任务</translation>
    </message>
    <message>
        <source>Cancel the jobs</source>
        <translation>取消这些任务</translation>
    </message>
    <message>
        <source>Keep open</source>
        <translation>不关闭</translation>
    </message>
    <message>
        <source>The studio closes once the running jobs are done.</source>
        <translation>运行中的任务完成后程序将关闭。</translation>
    </message>
</context>
<context>
    <name>CompareCell</name>
    <message>
        <source>Against %1</source>
        <translation>与 %1 对比</translation>
    </message>
    <message>
        <source>Sent; no answer yet</source>
        <translation>已发送，尚无回复</translation>
    </message>
    <message>
        <source>Not sent yet</source>
        <translation>尚未发送</translation>
    </message>
    <message>
        <source>Waiting…</source>
        <translation>等待中…</translation>
    </message>
    <message>
        <source>Running: partial %1 of %2</source>
        <translation>运行中：预览 %1 / %2</translation>
    </message>
    <message>
        <source>Running…</source>
        <translation>运行中…</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>★ Winner</source>
        <translation>★ 优胜</translation>
    </message>
    <message>
        <source>no estimate</source>
        <translation>无估价</translation>
    </message>
    <message>
        <source>estimate %1</source>
        <translation>估价 %1</translation>
    </message>
    <message>
        <source>cost %1 (simulated)</source>
        <translation>费用 %1（模拟）</translation>
    </message>
    <message>
        <source>cost %1</source>
        <translation>费用 %1</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Refused (nothing sent)</source>
        <translation>已拒绝（未发送）</translation>
    </message>
    <message>
        <source>Skipped</source>
        <translation>已跳过</translation>
    </message>
    <message>
        <source>Interrupted</source>
        <translation>已中断</translation>
    </message>
    <message>
        <source>Zoom</source>
        <translation>放大</translation>
    </message>
    <message>
        <source>Open this picture large (or double-click it)</source>
        <translation>放大查看这张图片（或双击它）</translation>
    </message>
    <message>
        <source>A/B</source>
        <translation>A/B</translation>
    </message>
    <message>
        <source>Compare with another cell under a split line</source>
        <translation>用分割线与另一格对比</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>重试</translation>
    </message>
    <message>
        <source>Send this target again, as a new job in the same comparison</source>
        <translation>再次发送到此目标，作为同一对比中的新任务</translation>
    </message>
    <message>
        <source>Use this</source>
        <translation>用这张</translation>
    </message>
    <message>
        <source>Pick as the winner: it becomes the window&apos;s result (Edit this, Save…)</source>
        <translation>选为优胜：它成为窗口的当前结果（编辑此图、保存…）</translation>
    </message>
</context>
<context>
    <name>CompareDialog</name>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>Greyed out: no API key for %1. Add one in Settings → Providers (click a name) to compare its models.</source>
        <translation>已灰显：%1 没有 API 密钥。请在“设置 → 服务商”中添加（点击名称即可前往），即可比较其模型。</translation>
    </message>
    <message>
        <source>Choose two or more targets.</source>
        <translation>请选择两个或更多目标。</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>正在发送…</translation>
    </message>
    <message>
        <source>%1 of %2 targets answered.</source>
        <translation>%2 个目标中 %1 个已返回结果。</translation>
    </message>
    <message>
        <source>About %1 spent.</source>
        <translation>约花费 %1。</translation>
    </message>
    <message>
        <source>%1 simulated (the sandbox charges nothing).</source>
        <translation>模拟 %1（沙盒不收费）。</translation>
    </message>
    <message>
        <source>The comparison stopped: %1</source>
        <translation>对比已停止：%1</translation>
    </message>
    <message>
        <source>Sending again…</source>
        <translation>正在重新发送…</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>对比</translation>
    </message>
    <message>
        <source>Prompt: %1</source>
        <translation>提示词：%1</translation>
    </message>
    <message>
        <source>&amp;Compare</source>
        <translation>对比(&amp;C)</translation>
    </message>
    <message>
        <source>C&amp;lose</source>
        <translation>关闭(&amp;L)</translation>
    </message>
    <message>
        <source>Targets</source>
        <translation>目标</translation>
    </message>
    <message>
        <source>Results</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>&amp;Send the targets not sent yet</source>
        <translation>发送尚未发送的目标(&amp;S)</translation>
    </message>
    <message>
        <source>Resume this comparison: none of its targets is ever sent twice</source>
        <translation>继续此对比：任何目标都不会被发送两次</translation>
    </message>
    <message>
        <source>Each target edited the same input images with the prompt.</source>
        <translation>每个目标都按提示词编辑了同样的输入图片。</translation>
    </message>
    <message>
        <source>Add an input image in Edit mode first: a comparison of edits sends every target the same picture (and its mask) to edit.</source>
        <translation>请先在编辑模式中添加输入图片：编辑对比会把同一张图片（及其蒙版）发给每个目标去编辑。</translation>
    </message>
    <message>
        <source>Each target edits the input images (with the mask, if one is painted) with the prompt; models that cannot edit are greyed out, last in the list.</source>
        <translation>每个目标按提示词编辑输入图片（如已绘制蒙版则一并使用）；无法编辑的模型显示为灰色，排在列表末尾。</translation>
    </message>
    <message>
        <source>Each target makes a new picture from the prompt. To compare edits of a picture, open Compare in Edit mode.</source>
        <translation>每个目标按提示词生成一张新图片。要对比对同一张图片的编辑，请在编辑模式中打开对比。</translation>
    </message>
</context>
<context>
    <name>CompareHistory</name>
    <message>
        <source>Sending the targets that were not sent yet…</source>
        <translation>正在发送尚未发送的目标…</translation>
    </message>
    <message>
        <source>This target was sent again since: its cell shows the newest answer.</source>
        <translation>此目标此后已重新发送过：其格子显示的是最新结果。</translation>
    </message>
    <message>
        <source>Press Retry in the %1 cell to send it again, as a new job in this comparison.</source>
        <translation>按 %1 格子中的“重试”即可再次发送，作为此对比中的新任务。</translation>
    </message>
    <message>
        <source>This target cannot be sent again as it is: its cell says why.</source>
        <translation>此目标无法按原样再次发送：原因见其格子。</translation>
    </message>
    <message>
        <source>This comparison is already being sent.</source>
        <translation>此对比已在发送中。</translation>
    </message>
</context>
<context>
    <name>ComposePanel</name>
    <message>
        <source>This model is not in the tables.</source>
        <translation>能力表中没有这个模型。</translation>
    </message>
    <message>
        <source>≈ %1 output tokens</source>
        <translation>约 %1 个输出 token</translation>
    </message>
    <message>
        <source>%1 (estimate)</source>
        <translation>%1（估算）</translation>
    </message>
    <message>
        <source>Sandbox: no charge</source>
        <translation>沙盒：不收费</translation>
    </message>
    <message>
        <source>No estimate for this model: its cost shows after the job</source>
        <translation>此模型无法预估费用：任务完成后显示实际费用</translation>
    </message>
    <message>
        <source>The painted mask could not be prepared (%1): paint again or clear it.</source>
        <translation>无法生成所画的蒙版（%1）：请重新涂抹或清除。</translation>
    </message>
    <message>
        <source>The drawing could not be prepared (%1): draw again or clear it.</source>
        <translation>无法生成标注图（%1）：请重新绘制或清除。</translation>
    </message>
    <message>
        <source>The job&apos;s mask does not fit this image and was not put back.</source>
        <translation>该任务的蒙版与这张图片尺寸不符，未恢复。</translation>
    </message>
    <message>
        <source>The job&apos;s drawing does not fit this image and was not put back.</source>
        <translation>该任务的标注与这张图片尺寸不符，未恢复。</translation>
    </message>
    <message>
        <source>Generate</source>
        <translation>生成</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>编辑</translation>
    </message>
    <message>
        <source>Variations</source>
        <translation>变体</translation>
    </message>
    <message>
        <source>Make new images from a prompt</source>
        <translation>根据提示词生成新图像</translation>
    </message>
    <message>
        <source>Change input images, optionally only where a mask is painted</source>
        <translation>修改输入图像，可只改蒙版涂抹的区域</translation>
    </message>
    <message>
        <source>Make variations of one image (dall-e-2)</source>
        <translation>为一张图像制作变体（dall-e-2）</translation>
    </message>
    <message>
        <source>P&amp;rovider</source>
        <translation>服务商(&amp;R)</translation>
    </message>
    <message>
        <source>Where requests are sent (Settings adds providers)</source>
        <translation>请求发往何处（可在设置中添加服务商）</translation>
    </message>
    <message>
        <source>&amp;Model</source>
        <translation>模型(&amp;M)</translation>
    </message>
    <message>
        <source>The model; the options below follow its capabilities</source>
        <translation>模型；下面的选项随其能力变化</translation>
    </message>
    <message>
        <source>Options</source>
        <translation>选项</translation>
    </message>
    <message>
        <source>&amp;Generate</source>
        <translation>生成(&amp;G)</translation>
    </message>
    <message>
        <source>Send the job</source>
        <translation>发送任务</translation>
    </message>
    <message>
        <source>Estimated from the model&apos;s table; the real usage is shown after the job</source>
        <translation>根据模型能力表估算；任务完成后显示实际用量</translation>
    </message>
</context>
<context>
    <name>ConversationPanel</name>
    <message>
        <source>New thread</source>
        <translation>新对话</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>重命名…</translation>
    </message>
    <message>
        <source>Give this conversation a name of your own</source>
        <translation>给这个对话起一个自己的名字</translation>
    </message>
    <message>
        <source>Turns</source>
        <translation>对话轮次</translation>
    </message>
    <message>
        <source>Instruction</source>
        <translation>指令</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>发送</translation>
    </message>
    <message>
        <source>Send the instruction</source>
        <translation>发送指令</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>重试</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Stop waiting for this turn (a request already sent may still be billed)</source>
        <translation>停止等待这一轮（已发出的请求仍可能计费）</translation>
    </message>
    <message>
        <source>Say what to change, e.g. “make the sky stormier”; %1 sends</source>
        <translation>说出要改什么，例如“让天空更有暴风雨的感觉”；%1 发送</translation>
    </message>
    <message>
        <source>New conversation</source>
        <translation>新的对话</translation>
    </message>
    <message>
        <source>%1, continuing from turn %2</source>
        <translation>%1，从第 %2 轮继续</translation>
    </message>
    <message>
        <source>Rename the Conversation</source>
        <translation>重命名对话</translation>
    </message>
    <message>
        <source>Name (leave it empty to name it by its first words):</source>
        <translation>名称（留空则以第一条指令的开头命名）：</translation>
    </message>
    <message>
        <source>The conversation could not be renamed: %1</source>
        <translation>无法重命名对话：%1</translation>
    </message>
    <message>
        <source>Thread %1</source>
        <translation>对话 %1</translation>
    </message>
    <message>
        <source>The thread could not be read: %1</source>
        <translation>无法读取这段对话：%1</translation>
    </message>
    <message>
        <source>Revised: %1</source>
        <translation>修订后的提示词：%1</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>cost %1</source>
        <translation>费用 %1</translation>
    </message>
    <message>
        <source>This turn has no picture to continue from: choose a turn with one.</source>
        <translation>这一轮没有可继续的图片：请选择有图片的一轮。</translation>
    </message>
    <message>
        <source>Attach this turn&apos;s image</source>
        <translation>附加本轮的图片</translation>
    </message>
</context>
<context>
    <name>ConversationSending</name>
    <message>
        <source>The attached images are still loading.</source>
        <translation>附加的图片仍在载入。</translation>
    </message>
    <message>
        <source>A turn is on its way: wait for it, then retry.</source>
        <translation>有一轮正在发送：请等它结束后再重试。</translation>
    </message>
    <message>
        <source>The instruction is back: check it and press Send to send it again.</source>
        <translation>指令已放回：请检查后按“发送”重新发送。</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>正在停止…</translation>
    </message>
    <message>
        <source>Choose a provider and a model first.</source>
        <translation>请先选择服务商和模型。</translation>
    </message>
    <message>
        <source>Working on it…</source>
        <translation>正在处理…</translation>
    </message>
    <message>
        <source>The turn sent in thread %1 has finished; it is in the history.</source>
        <translation>在对话 %1 中发送的那一轮已完成，可在历史记录中找到。</translation>
    </message>
    <message>
        <source>The last partial image was kept.</source>
        <translation>最后一张预览图已保留。</translation>
    </message>
</context>
<context>
    <name>Cost</name>
    <message>
        <source>≈ %1 (estimate)</source>
        <translation>约 %1（估算）</translation>
    </message>
    <message>
        <source>%1 (simulated)</source>
        <translation>%1（模拟）</translation>
    </message>
    <message>
        <source>≥ %1</source>
        <translation>至少 %1</translation>
    </message>
</context>
<context>
    <name>ErrorText</name>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>The job was stopped. Retry runs it again.</source>
        <translation>任务已停止。点“重试”可再次运行。</translation>
    </message>
    <message>
        <source>No API key</source>
        <translation>没有 API 密钥</translation>
    </message>
    <message>
        <source>%1 needs an API key. Add it in Settings → Providers.</source>
        <translation>%1 需要 API 密钥。请在“设置 → 服务商”中添加。</translation>
    </message>
    <message>
        <source>This provider</source>
        <translation>此服务商</translation>
    </message>
    <message>
        <source>Not sent</source>
        <translation>未发送</translation>
    </message>
    <message>
        <source>The API key was rejected</source>
        <translation>API 密钥被拒绝</translation>
    </message>
    <message>
        <source>%1 did not accept the key (401). Check or replace it in the provider&apos;s settings.</source>
        <translation>%1 不接受此密钥（401）。请在服务商设置中检查或更换。</translation>
    </message>
    <message>
        <source>The provider</source>
        <translation>服务商</translation>
    </message>
    <message>
        <source>No balance or no access</source>
        <translation>余额不足或无权访问</translation>
    </message>
    <message>
        <source>The provider refused the job: the account may be out of credit, or the key may not be allowed to use this model.</source>
        <translation>服务商拒绝了任务：账户可能余额不足，或此密钥无权使用该模型。</translation>
    </message>
    <message>
        <source>Try again in %1 seconds.</source>
        <translation>请在 %1 秒后重试。</translation>
    </message>
    <message>
        <source>Wait a little and try again.</source>
        <translation>请稍等片刻再试。</translation>
    </message>
    <message>
        <source>Too many requests</source>
        <translation>请求过多</translation>
    </message>
    <message>
        <source>The provider is rate limiting.</source>
        <translation>服务商正在限流。</translation>
    </message>
    <message>
        <source>Blocked by the content filter</source>
        <translation>被内容审核拦截</translation>
    </message>
    <message>
        <source>Try rephrasing the prompt, or choose a lower moderation level.</source>
        <translation>请换一种说法描述，或选择较低的审核级别。</translation>
    </message>
    <message>
        <source>The request timed out</source>
        <translation>请求超时</translation>
    </message>
    <message>
        <source>Long generations can be cut by proxies: turn on streaming, or raise the timeout in Settings.</source>
        <translation>耗时较长的生成可能被代理中断：请开启流式传输，或在设置中调高超时时间。</translation>
    </message>
    <message>
        <source>Network problem</source>
        <translation>网络问题</translation>
    </message>
    <message>
        <source>The provider or a proxy failed</source>
        <translation>服务商或代理出错</translation>
    </message>
    <message>
        <source>Turn on streaming or raise the timeout if this keeps happening.</source>
        <translation>如果反复出现，请开启流式传输或调高超时时间。</translation>
    </message>
    <message>
        <source>The provider reported an error</source>
        <translation>服务商返回了错误</translation>
    </message>
</context>
<context>
    <name>ExpandDialog</name>
    <message>
        <source>Expand the picture</source>
        <translation>扩展画面</translation>
    </message>
    <message>
        <source>How the new size is chosen</source>
        <translation>新尺寸的确定方式</translation>
    </message>
    <message>
        <source>Aspect %1:%2</source>
        <translation>宽高比 %1:%2</translation>
    </message>
    <message>
        <source>Free size</source>
        <translation>自由尺寸</translation>
    </message>
    <message>
        <source>Margins</source>
        <translation>边距</translation>
    </message>
    <message>
        <source>Width of the new picture in pixels</source>
        <translation>新画面的宽度（像素）</translation>
    </message>
    <message>
        <source>Height of the new picture in pixels</source>
        <translation>新画面的高度（像素）</translation>
    </message>
    <message>
        <source>Pixels added on the left</source>
        <translation>左侧增加的像素</translation>
    </message>
    <message>
        <source>Pixels added at the top</source>
        <translation>顶部增加的像素</translation>
    </message>
    <message>
        <source>Pixels added on the right</source>
        <translation>右侧增加的像素</translation>
    </message>
    <message>
        <source>Pixels added at the bottom</source>
        <translation>底部增加的像素</translation>
    </message>
    <message>
        <source>Also let the model redraw this many pixels of the picture along the new edges, so the seam blends</source>
        <translation>沿新边缘让模型同时重绘原图的这么多像素，使接缝自然过渡</translation>
    </message>
    <message>
        <source>Top left</source>
        <translation>左上</translation>
    </message>
    <message>
        <source>Top</source>
        <translation>上</translation>
    </message>
    <message>
        <source>Top right</source>
        <translation>右上</translation>
    </message>
    <message>
        <source>Left</source>
        <translation>左</translation>
    </message>
    <message>
        <source>Centre</source>
        <translation>居中</translation>
    </message>
    <message>
        <source>Right</source>
        <translation>右</translation>
    </message>
    <message>
        <source>Bottom left</source>
        <translation>左下</translation>
    </message>
    <message>
        <source>Bottom</source>
        <translation>下</translation>
    </message>
    <message>
        <source>Bottom right</source>
        <translation>右下</translation>
    </message>
    <message>
        <source>Put the picture here in the new frame: %1</source>
        <translation>把原图放在新画面的这个位置：%1</translation>
    </message>
    <message>
        <source>New size</source>
        <translation>新尺寸</translation>
    </message>
    <message>
        <source>Width × height</source>
        <translation>宽 × 高</translation>
    </message>
    <message>
        <source>Margins (left, top, right, bottom)</source>
        <translation>边距（左、上、右、下）</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>位置</translation>
    </message>
    <message>
        <source>Blend band</source>
        <translation>过渡带</translation>
    </message>
    <message>
        <source>This model takes no size larger than this picture.</source>
        <translation>此模型没有比这张图更大的可用尺寸。</translation>
    </message>
    <message>
        <source>The new size must be at least the picture&apos;s size (%1).</source>
        <translation>新尺寸不能小于原图尺寸（%1）。</translation>
    </message>
    <message>
        <source>The new size adds nothing around the picture.</source>
        <translation>新尺寸没有在原图周围增加任何区域。</translation>
    </message>
    <message>
        <source>The picture must lie inside the new frame.</source>
        <translation>原图必须位于新画面之内。</translation>
    </message>
</context>
<context>
    <name>FileOptions</name>
    <message>
        <source>For example: %1</source>
        <translation>示例：%1</translation>
    </message>
    <message>
        <source>File names</source>
        <translation>文件名</translation>
    </message>
    <message>
        <source>How saved and exported files are named. Fields: %1</source>
        <translation>保存和导出文件的命名方式。可用字段：%1</translation>
    </message>
    <message>
        <source>With parameters (prompt and settings inside the file)</source>
        <translation>包含参数（提示词和设置写入文件）</translation>
    </message>
    <message>
        <source>As original (the provider&apos;s bytes, content credentials kept)</source>
        <translation>原始文件（服务商的原始字节，保留内容凭证）</translation>
    </message>
    <message>
        <source>Without metadata (for sharing)</source>
        <translation>不含元数据（用于分享）</translation>
    </message>
    <message>
        <source>What exported and dragged files carry; Save as asks each time. Adding parameters to a file with content credentials means they no longer verify in that copy.</source>
        <translation>导出和拖出的文件包含哪些信息；“另存为”每次都会询问。向带有内容凭证的文件添加参数后，该副本中的凭证将无法再通过验证。</translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <source>Search prompts…</source>
        <translation>搜索提示词…</translation>
    </message>
    <message>
        <source>All providers</source>
        <translation>全部服务商</translation>
    </message>
    <message>
        <source>All models</source>
        <translation>全部模型</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>任意状态</translation>
    </message>
    <message>
        <source>Succeeded</source>
        <translation>成功</translation>
    </message>
    <message>
        <source>Search the history</source>
        <translation>搜索历史记录</translation>
    </message>
    <message>
        <source>Search the history&apos;s prompts</source>
        <translation>搜索历史中的提示词</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Interrupted</source>
        <translation>已中断</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <source>Any format</source>
        <translation>任意格式</translation>
    </message>
    <message>
        <source>Show every job again</source>
        <translation>重新显示全部任务</translation>
    </message>
    <message>
        <source>Back to the Batch</source>
        <translation>返回批量任务</translation>
    </message>
    <message>
        <source>Show this batch&apos;s panel: its progress and Retry</source>
        <translation>显示此批量任务的面板：进度和重试</translation>
    </message>
    <message>
        <source>Only batch #%1</source>
        <translation>仅批量任务 #%1</translation>
    </message>
    <message>
        <source>Only comparison #%1</source>
        <translation>仅对比 #%1</translation>
    </message>
    <message>
        <source>GIF (animated)</source>
        <translation>GIF（动画）</translation>
    </message>
    <message>
        <source>SVG (vector)</source>
        <translation>SVG（矢量）</translation>
    </message>
    <message>
        <source>Any time</source>
        <translation>任意时间</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>最近 7 天</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>最近 30 天</translation>
    </message>
    <message>
        <source>Last 12 months</source>
        <translation>最近 12 个月</translation>
    </message>
    <message>
        <source>Between dates…</source>
        <translation>指定日期范围…</translation>
    </message>
    <message>
        <source>Favourites</source>
        <translation>收藏</translation>
    </message>
</context>
<context>
    <name>GalleryActions</name>
    <message>
        <source>Open in Viewer</source>
        <translation>在查看器中打开</translation>
    </message>
    <message>
        <source>Show Why It Failed</source>
        <translation>查看失败原因</translation>
    </message>
    <message>
        <source>Open Group or Conversation</source>
        <translation>打开分组或对话</translation>
    </message>
    <message>
        <source>Show Its Pictures</source>
        <translation>查看其中的图片</translation>
    </message>
    <message>
        <source>Reuse Settings</source>
        <translation>复用设置</translation>
    </message>
    <message>
        <source>Use as Edit Input</source>
        <translation>用作编辑输入</translation>
    </message>
    <message>
        <source>Make Variations</source>
        <translation>制作变体</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>重试</translation>
    </message>
    <message>
        <source>Favourite</source>
        <translation>收藏</translation>
    </message>
    <message>
        <source>Copy Prompt</source>
        <translation>复制提示词</translation>
    </message>
    <message>
        <source>Copy Image</source>
        <translation>复制图像</translation>
    </message>
    <message>
        <source>Save Image As…</source>
        <translation>图像另存为…</translation>
    </message>
    <message>
        <source>Export Selection…</source>
        <translation>导出所选…</translation>
    </message>
    <message>
        <source>Show in File Manager</source>
        <translation>在文件管理器中显示</translation>
    </message>
    <message>
        <source>Upload for Video (DMXAPI)</source>
        <translation>上传用于视频（DMXAPI）</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>删除…</translation>
    </message>
    <message>
        <source>Undo Delete</source>
        <translation>撤销删除</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
</context>
<context>
    <name>GalleryColumns</name>
    <message>
        <source>Picture</source>
        <translation>图片</translation>
    </message>
    <message>
        <source>Prompt</source>
        <translation>提示词</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>尺寸</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>费用</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
</context>
<context>
    <name>GalleryDelegate</name>
    <message>
        <source>Image file missing</source>
        <translation>图像文件缺失</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>加载中…</translation>
    </message>
    <message>
        <source>Running…</source>
        <translation>运行中…</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Interrupted</source>
        <translation>已中断</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>批量</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>对比</translation>
    </message>
    <message>
        <source>No image</source>
        <translation>无图像</translation>
    </message>
</context>
<context>
    <name>GalleryDock</name>
    <message>
        <source>History</source>
        <translation>历史记录</translation>
    </message>
    <message>
        <source>History images</source>
        <translation>历史图像</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>History list</source>
        <translation>历史记录列表</translation>
    </message>
    <message>
        <source>Save Image As</source>
        <translation>图像另存为</translation>
    </message>
    <message>
        <source>Nothing to export: the jobs picked made no pictures.</source>
        <translation>没有可导出的内容：所选任务没有生成图片。</translation>
    </message>
    <message>
        <source>Export Selection To</source>
        <translation>将所选导出到</translation>
    </message>
    <message>
        <source>Could not open the folder</source>
        <translation>无法打开文件夹</translation>
    </message>
    <message>
        <source>No file manager could be started. The job&apos;s files are in:</source>
        <translation>无法启动文件管理器。该任务的文件位于：</translation>
    </message>
    <message>
        <source>Copy path</source>
        <translation>复制路径</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n file(s) to {folder}</source>
        <translation>
            <numerusform>已导出 %n 个文件到 {folder}</numerusform>
        </translation>
    </message>
    <message>
        <source>Failed: {reason}</source>
        <translation>失败：{reason}</translation>
    </message>
    <message numerus="yes">
        <source>Delete this comparison: its %n job(s) and their images? You can undo this until you quit.</source>
        <translation>
            <numerusform>删除这组对比：其中 %n 个任务及其图像？退出前都可以撤销。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Delete this batch: its %n job(s) and their images? You can undo this until you quit.</source>
        <translation>
            <numerusform>删除这个批量任务：其中 %n 个任务及其图像？退出前都可以撤销。</numerusform>
        </translation>
    </message>
    <message>
        <source>Delete from History</source>
        <translation>从历史记录中删除</translation>
    </message>
    <message numerus="yes">
        <source>Delete %n job(s) and their images? You can undo this until you quit.</source>
        <translation>
            <numerusform>删除 %n 个任务及其图像？退出前都可以撤销。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Deleted %n job(s).</source>
        <translation>
            <numerusform>已删除 %n 个任务。</numerusform>
        </translation>
    </message>
    <message>
        <source>Open Group or Conversation</source>
        <translation>打开分组或对话</translation>
    </message>
    <message>
        <source>Open Conversation</source>
        <translation>打开对话</translation>
    </message>
    <message>
        <source>Open Batch</source>
        <translation>打开批量任务</translation>
    </message>
    <message>
        <source>Open Comparison</source>
        <translation>打开对比</translation>
    </message>
    <message numerus="yes">
        <source>%n+ job(s)</source>
        <translation>
            <numerusform>%n+ 个任务</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n job(s)</source>
        <translation>
            <numerusform>%n 个任务</numerusform>
        </translation>
    </message>
    <message>
        <source>Every image you make is kept here, with its prompt and settings. Search the prompts above, filter by model, format or day, and star favourites (F) to find them again.</source>
        <translation>你生成的每张图片都会连同提示词和设置保存在这里。可以在上方搜索提示词、按模型、格式或日期筛选，并用星标收藏（F）以便日后查找。</translation>
    </message>
    <message>
        <source>No job matches these filters: clear the search or widen the filters.</source>
        <translation>没有符合这些筛选条件的任务：请清除搜索内容或放宽筛选条件。</translation>
    </message>
</context>
<context>
    <name>GalleryModel</name>
    <message>
        <source>(no prompt)</source>
        <translation>（无提示词）</translation>
    </message>
    <message>
        <source>{model} on {provider} · {when}</source>
        <translation>{model}，{provider} · {when}</translation>
    </message>
    <message>
        <source>Job {id} · {mode} · {status}</source>
        <translation>任务 {id} · {mode} · {status}</translation>
    </message>
    <message>
        <source>Revised: {text}</source>
        <translation>改写后：{text}</translation>
    </message>
    <message>
        <source>Reason: {text}</source>
        <translation>原因：{text}</translation>
    </message>
    <message>
        <source>running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <source>The number counts every member: %1 (each target or row, retries, failed and unsent ones included); %2 succeeded</source>
        <translation>数字计入全部成员：%1 个（每个目标或每一行，含重试、失败和未发送的）；%2 个成功</translation>
    </message>
    <message>
        <source>succeeded</source>
        <translation>成功</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>interrupted</source>
        <translation>已中断</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <source>Succeeded</source>
        <translation>成功</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Interrupted</source>
        <translation>已中断</translation>
    </message>
    <message>
        <source>Cost of all turns: %1</source>
        <translation>所有轮次合计费用：%1</translation>
    </message>
    <message>
        <source>Cost of all members: %1</source>
        <translation>所有成员合计费用：%1</translation>
    </message>
    <message>
        <source>favourite</source>
        <translation>已收藏</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
</context>
<context>
    <name>GallerySlot</name>
    <message>
        <source>Loading the history…</source>
        <translation>正在载入历史记录…</translation>
    </message>
    <message>
        <source>The history could not be shown.</source>
        <translation>无法显示历史记录。</translation>
    </message>
</context>
<context>
    <name>GroupWindows</name>
    <message>
        <source>The batch could not be resumed.</source>
        <translation>无法继续该批量任务。</translation>
    </message>
    <message>
        <source>The group could not be opened.</source>
        <translation>无法打开该任务组。</translation>
    </message>
    <message>
        <source>This group is no longer in the history.</source>
        <translation>这个组已不在历史记录中。</translation>
    </message>
    <message>
        <source>The batch could not be opened.</source>
        <translation>无法打开该批量任务。</translation>
    </message>
</context>
<context>
    <name>HelpDialog</name>
    <message>
        <source>Earlier and later prompts</source>
        <translation>上一条和下一条提示词</translation>
    </message>
    <message>
        <source>Paste an image as an input (in the inputs)</source>
        <translation>粘贴图像作为输入（在输入列表中）</translation>
    </message>
    <message>
        <source>Move the selected input</source>
        <translation>移动所选输入</translation>
    </message>
    <message>
        <source>Make the selected input the first</source>
        <translation>将所选输入设为第一张</translation>
    </message>
    <message>
        <source>Remove an input, and put it back</source>
        <translation>移除输入，以及恢复</translation>
    </message>
    <message>
        <source>Mask: brush, eraser, rectangle, lasso</source>
        <translation>蒙版：画笔、橡皮擦、矩形、套索</translation>
    </message>
    <message>
        <source>Mask: smaller and larger brush</source>
        <translation>蒙版：缩小和放大画笔</translation>
    </message>
    <message>
        <source>Mask: invert</source>
        <translation>蒙版：反转</translation>
    </message>
    <message>
        <source>Markup: select, pen, line, arrow, box, ellipse, note</source>
        <translation>标注：选择、画笔、直线、箭头、方框、椭圆、注释</translation>
    </message>
    <message>
        <source>Markup: finish typing a note</source>
        <translation>标注：结束输入注释</translation>
    </message>
    <message>
        <source>The mask applies to the first input image; drag another image first (or use Move first) to mask that one.</source>
        <translation>蒙版作用于第一张输入图像；把另一张图像拖到最前（或使用“移到最前”）即可为它绘制蒙版。</translation>
    </message>
    <message>
        <source>Paint where the image may change. Unpainted areas are kept, as far as the model keeps them: GPT Image models treat the mask as guidance.</source>
        <translation>涂抹允许改变的区域。未涂抹的区域会尽量保留（取决于模型）：GPT Image 模型把蒙版当作参考。</translation>
    </message>
    <message>
        <source>The mask is sent as a PNG of the image&apos;s size, transparent where you painted; it must stay under 4 MB.</source>
        <translation>蒙版以与图像同尺寸的 PNG 发送，涂抹处为透明；文件须小于 4 MB。</translation>
    </message>
    <message>
        <source>The right mouse button always erases; Ctrl+wheel changes the brush size.</source>
        <translation>鼠标右键始终为擦除；Ctrl+滚轮调整画笔大小。</translation>
    </message>
    <message>
        <source>Every request sent to a real provider may be billed, even when it fails after reaching the provider or you cancel it while it runs.</source>
        <translation>发送到真实服务商的每个请求都可能计费，即使它在到达服务商后失败，或在运行中被你取消。</translation>
    </message>
    <message>
        <source>The estimate under the options follows the model&apos;s price table; the real cost is shown in the jobs list and the viewer once the job is done.</source>
        <translation>选项下方的估算依据模型的价格表；任务完成后，实际费用显示在任务列表和查看器中。</translation>
    </message>
    <message>
        <source>n images on a one-image-per-request model (dall-e-3) are n requests. Partial images while streaming add output tokens.</source>
        <translation>对每次请求只出一张图的模型（dall-e-3）要 n 张图就是 n 个请求。流式传输时的中间预览图会增加输出令牌。</translation>
    </message>
    <message>
        <source>Retry is never automatic when a request may have been processed: you decide. The offline sandbox is free.</source>
        <translation>当请求可能已被处理时，绝不会自动重试：由你决定。离线沙盒免费。</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <source>Masks</source>
        <translation>蒙版</translation>
    </message>
    <message>
        <source>What costs money</source>
        <translation>哪些操作会产生费用</translation>
    </message>
    <message>
        <source>Image Studio help</source>
        <translation>Image Studio 帮助</translation>
    </message>
</context>
<context>
    <name>HistoryActions</name>
    <message>
        <source>Interrupted</source>
        <translation>已中断</translation>
    </message>
    <message>
        <source>The studio closed while this job ran. Retry runs it again.</source>
        <translation>该任务运行时工作室被关闭。点“重试”可再次运行。</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>重试</translation>
    </message>
    <message>
        <source>Run this job again</source>
        <translation>再次运行该任务</translation>
    </message>
    <message>
        <source>The image could not be opened</source>
        <translation>无法打开该图像</translation>
    </message>
    <message>
        <source>The job could not be read from the history</source>
        <translation>无法从历史记录读取该任务</translation>
    </message>
    <message>
        <source>Uploading %1…</source>
        <translation>正在上传 %1…</translation>
    </message>
    <message>
        <source>Uploaded: image id %1</source>
        <translation>已上传：图像 ID %1</translation>
    </message>
    <message>
        <source>Upload for video</source>
        <translation>上传用于视频</translation>
    </message>
</context>
<context>
    <name>HistoryFailureBox</name>
    <message>
        <source>The history cannot be opened</source>
        <translation>无法打开历史记录</translation>
    </message>
    <message>
        <source>File: {path}</source>
        <translation>文件：{path}</translation>
    </message>
    <message>
        <source>The history was written by a newer version of the studio (schema version {version}; this version knows up to {known}).</source>
        <translation>此历史记录由更新版本的 Studio 写入（结构版本 {version}；当前版本最高支持 {known}）。</translation>
    </message>
    <message>
        <source>Update the studio to open it. Nothing was changed.</source>
        <translation>请更新 Studio 后再打开。未做任何更改。</translation>
    </message>
    <message>
        <source>The history database is damaged or is not a history database, so the studio cannot open it.</source>
        <translation>历史数据库已损坏或不是历史数据库，Studio 无法打开它。</translation>
    </message>
    <message>
        <source>You can start with a new, empty history: the damaged file is kept beside it as {name}.broken-… for a repair, and your pictures stay in their folder.</source>
        <translation>可以用一个新的空白历史记录开始：损坏的文件会以 {name}.broken-… 的名字保留在原处以便修复，图片仍留在原来的文件夹中。</translation>
    </message>
    <message>
        <source>Reason: {detail}</source>
        <translation>原因：{detail}</translation>
    </message>
    <message>
        <source>Start a &amp;New History</source>
        <translation>新建历史记录(&amp;N)</translation>
    </message>
    <message>
        <source>The history database could not be opened.</source>
        <translation>无法打开历史数据库。</translation>
    </message>
    <message>
        <source>Check that its folder can be written and has free space, and that no other program holds the file; then start the studio again.</source>
        <translation>请确认其所在文件夹可写且有剩余空间，并且没有其他程序占用该文件，然后重新启动 Studio。</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>The damaged history could not be set aside.</source>
        <translation>无法将损坏的历史记录移到一旁。</translation>
    </message>
</context>
<context>
    <name>InputsPanel</name>
    <message>
        <source>Choose input images</source>
        <translation>选择输入图像</translation>
    </message>
    <message>
        <source>Images (%1)</source>
        <translation>图像 (%1)</translation>
    </message>
    <message>
        <source>%1 is not an image this app can read.</source>
        <translation>%1 不是本程序能读取的图像。</translation>
    </message>
    <message>
        <source>Could not read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <source>Input images: %1 / %2</source>
        <translation>输入图像：%1 / %2</translation>
    </message>
    <message>
        <source>Input images</source>
        <translation>输入图像</translation>
    </message>
    <message>
        <source>Add…</source>
        <translation>添加…</translation>
    </message>
    <message>
        <source>Add input images from files (or drop them here)</source>
        <translation>从文件添加输入图像（也可拖放到这里）</translation>
    </message>
    <message>
        <source>URL…</source>
        <translation>网址…</translation>
    </message>
    <message>
        <source>Add an image by web address or provider file id (or drop a link here)</source>
        <translation>按网址或服务商文件 ID 添加图像（也可把链接拖到这里）</translation>
    </message>
    <message>
        <source>Paste</source>
        <translation>粘贴</translation>
    </message>
    <message>
        <source>Paste an image from the clipboard</source>
        <translation>从剪贴板粘贴图像</translation>
    </message>
    <message>
        <source>Remove the selected inputs</source>
        <translation>移除选中的输入</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message numerus="yes">
        <source>Removed %n input(s). Ctrl+Z in the inputs puts them back.</source>
        <translation>
            <numerusform>已移除 %n 张输入图像。在输入列表中按 Ctrl+Z 可恢复。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>This model takes at most %n input image(s).</source>
        <translation>
            <numerusform>此模型最多接受 %n 张输入图像。</numerusform>
        </translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清空</translation>
    </message>
    <message>
        <source>Remove all inputs</source>
        <translation>移除全部输入</translation>
    </message>
    <message>
        <source>Drag or Ctrl+Left/Right to reorder, right-click for more; the mask applies to the first image</source>
        <translation>拖动或按 Ctrl+左/右 调整顺序，右键查看更多操作；蒙版作用于第一张图像</translation>
    </message>
    <message>
        <source>Move first</source>
        <translation>移到最前</translation>
    </message>
    <message>
        <source>Make this the first image (the mask applies to it)</source>
        <translation>设为第一张图像（蒙版作用于它）</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>Show this image in the viewer</source>
        <translation>在查看器中显示此图像</translation>
    </message>
    <message>
        <source>Undo remove</source>
        <translation>撤销移除</translation>
    </message>
    <message>
        <source>#%1 · %2</source>
        <translation>任务#%1 · %2</translation>
    </message>
</context>
<context>
    <name>JobNotifier</name>
    <message>
        <source>Job %1 is done</source>
        <translation>任务 %1 已完成</translation>
    </message>
    <message numerus="yes">
        <source>%n image(s) ready.</source>
        <translation>
            <numerusform>%n 张图像已就绪。</numerusform>
        </translation>
    </message>
    <message>
        <source>Job %1 failed</source>
        <translation>任务 %1 失败</translation>
    </message>
    <message>
        <source>Open the studio to see why.</source>
        <translation>打开程序查看原因。</translation>
    </message>
</context>
<context>
    <name>JobRow</name>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>正在停止…</translation>
    </message>
    <message>
        <source>Retrying in %1 s (%2)</source>
        <translation>%1 秒后重试（%2）</translation>
    </message>
    <message>
        <source>Partial %1 of %2 · %3</source>
        <translation>中间图 %1/%2 · %3</translation>
    </message>
    <message>
        <source>Running · %1</source>
        <translation>运行中 · %1</translation>
    </message>
    <message numerus="yes">
        <source>Running, %n image(s) so far · %1</source>
        <translation>
            <numerusform>运行中，已得到 %n 张 · %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Done in %1 · %n image(s)</source>
        <translation>
            <numerusform>用时 %1 完成 · %n 张</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n request(s) failed</source>
        <translation>
            <numerusform>%n 个请求失败</numerusform>
        </translation>
    </message>
    <message>
        <source>Cancelled after %1</source>
        <translation>%1 后取消</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>失败：%1</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Stop this job now</source>
        <translation>立即停止此任务</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>重试</translation>
    </message>
    <message>
        <source>Run the same job again</source>
        <translation>再次运行同一任务</translation>
    </message>
</context>
<context>
    <name>JobsPanel</name>
    <message>
        <source>Job %1: %2</source>
        <translation>任务 %1：%2</translation>
    </message>
    <message>
        <source>%1 running, %2 in all</source>
        <translation>运行中 %1 个，共 %2 个</translation>
    </message>
    <message>
        <source>Jobs of this session; select one to see its images</source>
        <translation>本次会话的任务；选中可查看其图像</translation>
    </message>
    <message>
        <source>Jobs</source>
        <translation>任务</translation>
    </message>
</context>
<context>
    <name>LibraryLink</name>
    <message>
        <source>The prompt library could not be opened: %1</source>
        <translation>无法打开提示词库：%1</translation>
    </message>
    <message>
        <source>The prompt could not be remembered: %1</source>
        <translation>无法记住这条提示词：%1</translation>
    </message>
    <message>
        <source>“%1” is no longer a snippet; it stays in the prompt library.</source>
        <translation>“%1”已不再是片段；它仍保留在提示词库中。</translation>
    </message>
    <message>
        <source>Write a prompt first: there is nothing to save.</source>
        <translation>请先写提示词：没有可保存的内容。</translation>
    </message>
    <message>
        <source>Saved to the prompt library: “%1”</source>
        <translation>已保存到提示词库：“%1”</translation>
    </message>
    <message>
        <source>Prompt &amp;library…</source>
        <translation>提示词库(&amp;L)…</translation>
    </message>
    <message>
        <source>Find, use, edit, import and export saved prompts</source>
        <translation>查找、使用、编辑、导入和导出已保存的提示词</translation>
    </message>
    <message>
        <source>Sa&amp;ve prompt to library…</source>
        <translation>保存提示词到库(&amp;V)…</translation>
    </message>
    <message>
        <source>Keep the prompt (or the selected part) with a title and tags</source>
        <translation>连同标题和标签保存提示词（或选中的部分）</translation>
    </message>
</context>
<context>
    <name>LibraryPicker</name>
    <message>
        <source>The prompt library could not be opened: %1</source>
        <translation>无法打开提示词库：%1</translation>
    </message>
    <message>
        <source>Pick from library…</source>
        <translation>从提示词库选择…</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Every job sent from this window: single jobs, conversation turns and the members of comparisons and batches (refused or skipped members are not sent, so not counted)</source>
        <translation>此窗口发送的全部任务：单个任务、对话的每一轮，以及对比和批量中的成员（被拒绝或跳过的成员未发送，不计入）</translation>
    </message>
    <message>
        <source>%1 — images from OpenAI-compatible APIs</source>
        <translation>%1 — OpenAI 兼容接口图像工作室</translation>
    </message>
    <message>
        <source>You are using the offline sandbox: images are made locally for trying things out. Add a real provider and its API key in Settings to generate for real.</source>
        <translation>您正在使用离线沙盒：图像在本机生成，仅供试用。请在设置中添加真实的服务商及其 API 密钥，即可正式生成。</translation>
    </message>
    <message>
        <source>Jobs</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>The selected job&apos;s images</source>
        <translation>所选任务的图像</translation>
    </message>
    <message>
        <source>Mask</source>
        <translation>蒙版</translation>
    </message>
    <message>
        <source>Paint where the first input image may change (edits)</source>
        <translation>涂抹第一张输入图像中允许修改的区域（编辑）</translation>
    </message>
    <message>
        <source>Conversation</source>
        <translation>对话</translation>
    </message>
    <message>
        <source>Edit in a conversation: one instruction per turn, with branches</source>
        <translation>在对话中编辑：每轮一条指令，可分支</translation>
    </message>
    <message>
        <source>Add a provider…</source>
        <translation>添加服务商…</translation>
    </message>
    <message>
        <source>Open Settings → Providers</source>
        <translation>打开“设置 → 服务商”</translation>
    </message>
    <message>
        <source>Jobs: %1 running · %2 finished · %3 failed</source>
        <translation>任务：%1 个运行中 · %2 个已结束 · %3 个失败</translation>
    </message>
    <message>
        <source>%1 cancelled</source>
        <translation>%1 个已取消</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>重试</translation>
    </message>
    <message>
        <source>Run the same job again</source>
        <translation>再次运行同一任务</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Hide this message</source>
        <translation>隐藏此消息</translation>
    </message>
</context>
<context>
    <name>MarkupBar</name>
    <message>
        <source>Markup style</source>
        <translation>标注样式</translation>
    </message>
    <message>
        <source>Red</source>
        <translation>红色</translation>
    </message>
    <message>
        <source>Yellow</source>
        <translation>黄色</translation>
    </message>
    <message>
        <source>Green</source>
        <translation>绿色</translation>
    </message>
    <message>
        <source>Blue</source>
        <translation>蓝色</translation>
    </message>
    <message>
        <source>White</source>
        <translation>白色</translation>
    </message>
    <message>
        <source>Black</source>
        <translation>黑色</translation>
    </message>
    <message>
        <source>More…</source>
        <translation>更多…</translation>
    </message>
    <message>
        <source>Any colour</source>
        <translation>任意颜色</translation>
    </message>
    <message>
        <source>Stroke width in image pixels</source>
        <translation>线宽（图像像素）</translation>
    </message>
    <message>
        <source>Opacity of the annotation</source>
        <translation>标注的不透明度</translation>
    </message>
    <message>
        <source>Font size of notes</source>
        <translation>注释文字的字号</translation>
    </message>
    <message>
        <source>Bold</source>
        <translation>粗体</translation>
    </message>
    <message>
        <source>Bold notes</source>
        <translation>注释使用粗体</translation>
    </message>
    <message>
        <source>Width</source>
        <translation>线宽</translation>
    </message>
    <message>
        <source>Opacity</source>
        <translation>不透明度</translation>
    </message>
    <message>
        <source>Font</source>
        <translation>字号</translation>
    </message>
    <message>
        <source>Annotation colour</source>
        <translation>标注颜色</translation>
    </message>
</context>
<context>
    <name>MarkupCanvas</name>
    <message>
        <source>Note text</source>
        <translation>注释文字</translation>
    </message>
    <message>
        <source>Type a note…</source>
        <translation>输入注释…</translation>
    </message>
    <message>
        <source>Add note</source>
        <translation>添加注释</translation>
    </message>
    <message>
        <source>Edit note</source>
        <translation>修改注释</translation>
    </message>
    <message>
        <source>Restore markup</source>
        <translation>恢复标注</translation>
    </message>
    <message>
        <source>Clear markup</source>
        <translation>清除标注</translation>
    </message>
    <message>
        <source>Delete annotation</source>
        <translation>删除标注</translation>
    </message>
    <message>
        <source>Change annotation style</source>
        <translation>修改标注样式</translation>
    </message>
    <message>
        <source>Arrow</source>
        <translation>箭头</translation>
    </message>
    <message>
        <source>Ellipse</source>
        <translation>椭圆</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>直线</translation>
    </message>
    <message>
        <source>Pen stroke</source>
        <translation>画笔笔画</translation>
    </message>
    <message>
        <source>Rectangle</source>
        <translation>矩形</translation>
    </message>
    <message>
        <source>Move annotation</source>
        <translation>移动标注</translation>
    </message>
    <message>
        <source>Resize annotation</source>
        <translation>调整标注大小</translation>
    </message>
</context>
<context>
    <name>MaskCanvas</name>
    <message>
        <source>Clear mask</source>
        <translation>清除蒙版</translation>
    </message>
    <message>
        <source>Fill mask</source>
        <translation>填满蒙版</translation>
    </message>
    <message>
        <source>Invert mask</source>
        <translation>反转蒙版</translation>
    </message>
    <message>
        <source>Set mask</source>
        <translation>设置蒙版</translation>
    </message>
    <message>
        <source>Open an image before importing a mask.</source>
        <translation>请先打开图像再导入蒙版。</translation>
    </message>
    <message>
        <source>Import mask</source>
        <translation>导入蒙版</translation>
    </message>
    <message>
        <source>No image</source>
        <translation>无图像</translation>
    </message>
    <message>
        <source>Brush stroke</source>
        <translation>画笔笔画</translation>
    </message>
    <message>
        <source>Eraser stroke</source>
        <translation>橡皮擦笔画</translation>
    </message>
    <message>
        <source>Rectangle fill</source>
        <translation>矩形填充</translation>
    </message>
    <message>
        <source>Rectangle erase</source>
        <translation>矩形擦除</translation>
    </message>
    <message>
        <source>Lasso fill</source>
        <translation>套索填充</translation>
    </message>
    <message>
        <source>Lasso erase</source>
        <translation>套索擦除</translation>
    </message>
</context>
<context>
    <name>MaskDialog</name>
    <message>
        <source>Paint the area to change</source>
        <translation>涂出要修改的区域</translation>
    </message>
    <message>
        <source>Paint where the picture may change; what stays clear is kept. OK attaches the mask to the next turn.</source>
        <translation>涂抹图片可以改变的地方；未涂抹的部分保持不变。点“确定”把蒙版附加到下一轮。</translation>
    </message>
</context>
<context>
    <name>MaskEditorPanel</name>
    <message>
        <source>Brush</source>
        <translation>画笔</translation>
    </message>
    <message>
        <source>Eraser</source>
        <translation>橡皮擦</translation>
    </message>
    <message>
        <source>Rectangle</source>
        <translation>矩形</translation>
    </message>
    <message>
        <source>Drag a rectangle to mark</source>
        <translation>拖出矩形进行标记</translation>
    </message>
    <message>
        <source>Drag a rectangle to unmark</source>
        <translation>拖出矩形取消标记</translation>
    </message>
    <message>
        <source>Rect erase</source>
        <translation>矩形擦除</translation>
    </message>
    <message>
        <source>Lasso</source>
        <translation>套索</translation>
    </message>
    <message>
        <source>Draw a closed shape to mark</source>
        <translation>画出封闭形状进行标记</translation>
    </message>
    <message>
        <source>Draw a closed shape to unmark</source>
        <translation>画出封闭形状取消标记</translation>
    </message>
    <message>
        <source>Lasso erase</source>
        <translation>套索擦除</translation>
    </message>
    <message>
        <source>Mask</source>
        <translation>蒙版</translation>
    </message>
    <message>
        <source>Paint where the image may change</source>
        <translation>涂抹允许修改的区域</translation>
    </message>
    <message>
        <source>Markup</source>
        <translation>标注</translation>
    </message>
    <message>
        <source>Draw arrows, shapes and notes that show the model what to change</source>
        <translation>绘制箭头、形状和注释，告诉模型要改什么</translation>
    </message>
    <message>
        <source>The right mouse button always erases.</source>
        <translation>鼠标右键始终为擦除。</translation>
    </message>
    <message>
        <source>Brush size in image pixels ([ and ] or Ctrl+wheel)</source>
        <translation>画笔大小，单位为图像像素（[ 和 ] 或 Ctrl+滚轮）</translation>
    </message>
    <message>
        <source>Eraser size in image pixels ([ and ] or Ctrl+wheel while erasing)</source>
        <translation>橡皮擦大小，单位为图像像素（擦除时用 [ 和 ] 或 Ctrl+滚轮）</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清空</translation>
    </message>
    <message>
        <source>Unmark everything (undoable)</source>
        <translation>取消全部标记（可撤销）</translation>
    </message>
    <message>
        <source>Invert</source>
        <translation>反转</translation>
    </message>
    <message>
        <source>Fill all</source>
        <translation>全部填充</translation>
    </message>
    <message>
        <source>Mark the whole image for editing</source>
        <translation>将整张图像标记为编辑区域</translation>
    </message>
    <message>
        <source>Colour…</source>
        <translation>颜色…</translation>
    </message>
    <message>
        <source>Choose the overlay colour</source>
        <translation>选择叠加颜色</translation>
    </message>
    <message>
        <source>Overlay opacity</source>
        <translation>叠加不透明度</translation>
    </message>
    <message>
        <source>Image and mask</source>
        <translation>图像和蒙版</translation>
    </message>
    <message>
        <source>Mask only</source>
        <translation>仅蒙版</translation>
    </message>
    <message>
        <source>Image only</source>
        <translation>仅图像</translation>
    </message>
    <message>
        <source>Show the image, the mask, or both</source>
        <translation>显示图像、蒙版或两者</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>适应</translation>
    </message>
    <message>
        <source>100 %</source>
        <translation>100%</translation>
    </message>
    <message>
        <source>Zoom level: wheel zooms at the cursor; Space+drag or middle-drag pans</source>
        <translation>缩放级别：滚轮以光标为中心缩放；空格+拖动或中键拖动可平移</translation>
    </message>
    <message>
        <source>How much of the image the edit may change</source>
        <translation>编辑可以改动图像的比例</translation>
    </message>
    <message>
        <source>Import…</source>
        <translation>导入…</translation>
    </message>
    <message>
        <source>Load a mask file: a PNG whose transparent pixels mark the edit, or a black-and-white image where black marks the edit</source>
        <translation>载入蒙版文件：透明像素表示编辑区域的 PNG，或黑色表示编辑区域的黑白图像</translation>
    </message>
    <message>
        <source>Expand…</source>
        <translation>扩展…</translation>
    </message>
    <message>
        <source>Make the picture larger: choose a new size or margins and where the picture sits; the model fills the new area</source>
        <translation>扩大画面：选择新尺寸或边距以及原图的位置，由模型填充新区域</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Save the mask as the PNG the API receives (transparent = edit)</source>
        <translation>将蒙版保存为接口接收的 PNG（透明 = 编辑）</translation>
    </message>
    <message>
        <source>Markup canvas</source>
        <translation>标注画布</translation>
    </message>
    <message>
        <source>Mask canvas</source>
        <translation>蒙版画布</translation>
    </message>
    <message>
        <source>Opacity</source>
        <translation>不透明度</translation>
    </message>
    <message>
        <source>Undo the last stroke or fill</source>
        <translation>撤销上一笔或填充</translation>
    </message>
    <message>
        <source>Redo the step undone</source>
        <translation>重做刚撤销的一步</translation>
    </message>
    <message>
        <source>Swap the marked and unmarked areas</source>
        <translation>互换已标记和未标记区域</translation>
    </message>
    <message>
        <source>Show the whole image</source>
        <translation>显示整张图像</translation>
    </message>
    <message>
        <source>One image pixel per screen pixel</source>
        <translation>一个图像像素对应一个屏幕像素</translation>
    </message>
    <message>
        <source>Invert imported mask</source>
        <translation>反转导入的蒙版</translation>
    </message>
    <message>
        <source>The imported mask marks the wrong area? Swap it in one click.</source>
        <translation>导入的蒙版标错了区域？一键互换。</translation>
    </message>
    <message>
        <source>The mask has painted areas. Only one of mask and markup is sent with a job: keep the mask for later (not sent while you use Markup), or clear it?</source>
        <translation>蒙版上有涂抹区域。一个任务只会发送蒙版或标注其中之一：保留蒙版以后再用（使用标注时不发送），还是清除它？</translation>
    </message>
    <message>
        <source>There are annotations. Only one of mask and markup is sent with a job: keep them for later (not sent while you use Mask), or clear them?</source>
        <translation>当前有标注。一个任务只会发送蒙版或标注其中之一：保留标注以后再用（使用蒙版时不发送），还是清除它们？</translation>
    </message>
    <message>
        <source>Switch mode</source>
        <translation>切换模式</translation>
    </message>
    <message>
        <source>Keep for later</source>
        <translation>保留以后再用</translation>
    </message>
    <message>
        <source>Remove every annotation (undoable)</source>
        <translation>删除全部标注（可撤销）</translation>
    </message>
    <message>
        <source>transparent pixels mark the edit</source>
        <translation>透明像素表示编辑区域</translation>
    </message>
    <message>
        <source>black pixels mark the edit</source>
        <translation>黑色像素表示编辑区域</translation>
    </message>
    <message>
        <source>Imported {name} ({how}). Wrong way round?</source>
        <translation>已导入 {name}（{how}）。方向反了吗？</translation>
    </message>
    <message>
        <source>Open an image first.</source>
        <translation>请先打开图像。</translation>
    </message>
    <message>
        <source>Saving {name}…</source>
        <translation>正在保存 {name}…</translation>
    </message>
    <message>
        <source>Saved {name} ({kb} kB).</source>
        <translation>已保存 {name}（{kb} kB）。</translation>
    </message>
    <message>
        <source>Could not save {name}: {err}</source>
        <translation>无法保存 {name}：{err}</translation>
    </message>
    <message>
        <source>Mask: {pct:.1f} %</source>
        <translation>蒙版：{pct:.1f}%</translation>
    </message>
    <message>
        <source>{pct} %</source>
        <translation>{pct}%</translation>
    </message>
    <message>
        <source>Overlay colour</source>
        <translation>叠加颜色</translation>
    </message>
    <message>
        <source>Import mask</source>
        <translation>导入蒙版</translation>
    </message>
    <message>
        <source>Export mask</source>
        <translation>导出蒙版</translation>
    </message>
    <message>
        <source>Arrow</source>
        <translation>箭头</translation>
    </message>
    <message>
        <source>Drag an arrow: it points where you let go</source>
        <translation>拖出一个箭头：箭头指向松开鼠标的位置</translation>
    </message>
    <message>
        <source>Ellipse</source>
        <translation>椭圆</translation>
    </message>
    <message>
        <source>Drag an ellipse around something</source>
        <translation>拖出椭圆圈住目标</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>直线</translation>
    </message>
    <message>
        <source>Drag a straight line</source>
        <translation>拖出一条直线</translation>
    </message>
    <message>
        <source>Pen</source>
        <translation>画笔</translation>
    </message>
    <message>
        <source>Draw freely</source>
        <translation>自由绘制</translation>
    </message>
    <message>
        <source>Box</source>
        <translation>方框</translation>
    </message>
    <message>
        <source>Drag a rectangle around something</source>
        <translation>拖出方框框住目标</translation>
    </message>
    <message>
        <source>Select</source>
        <translation>选择</translation>
    </message>
    <message>
        <source>Pick an annotation to move it, drag a corner to resize it, Delete removes it; click a selected note to change its text</source>
        <translation>点选标注后可拖动移动，拖动角点调整大小，按 Delete 删除；再次点击选中的注释可修改文字</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>注释</translation>
    </message>
    <message>
        <source>Click to write a note there; click a note to change its text</source>
        <translation>点击某处写注释；点击已有注释可修改文字</translation>
    </message>
    <message>
        <source>Paint the area to edit</source>
        <translation>涂抹要编辑的区域</translation>
    </message>
    <message>
        <source>Erase painted areas</source>
        <translation>擦除已涂抹的区域</translation>
    </message>
</context>
<context>
    <name>MessagesBox</name>
    <message>
        <source>Problems: Generate waits for these</source>
        <translation>问题：解决后才能生成</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>提示</translation>
    </message>
</context>
<context>
    <name>ModelActions</name>
    <message>
        <source>Send this job once more, on the replacement model</source>
        <translation>用替代模型再发送一次这个任务</translation>
    </message>
</context>
<context>
    <name>ModelNote</name>
    <message>
        <source>No official spec: parameters are as the relay defines them.</source>
        <translation>无官方规范：参数以中转站的定义为准。</translation>
    </message>
    <message>
        <source>Use %1</source>
        <translation>改用 %1</translation>
    </message>
    <message>
        <source>Switch to %1, keeping every setting it takes</source>
        <translation>切换到 %1，保留它支持的全部设置</translation>
    </message>
</context>
<context>
    <name>ModelPicker</name>
    <message>
        <source>d MMM yyyy</source>
        <translation>yyyy年M月d日</translation>
    </message>
    <message>
        <source>Retired</source>
        <translation>已停用</translation>
    </message>
    <message>
        <source>%1 — until %2</source>
        <translation>%1 — 可用至 %2</translation>
    </message>
    <message>
        <source>%1 — shut down %2</source>
        <translation>%1 — 已于 %2 停用</translation>
    </message>
    <message>
        <source>Its maker shuts it down on %1.</source>
        <translation>官方将于 %1 停用此模型。</translation>
    </message>
    <message>
        <source>Its replacement is %1.</source>
        <translation>替代模型为 %1。</translation>
    </message>
    <message>
        <source>Shut down by its maker on %1; this provider may still serve it.</source>
        <translation>官方已于 %1 停用；此服务商可能仍提供。</translation>
    </message>
</context>
<context>
    <name>ObjectPicker</name>
    <message>
        <source>Default</source>
        <translation>默认</translation>
    </message>
    <message>
        <source>Provider&apos;s choice</source>
        <translation>由服务商选择</translation>
    </message>
    <message>
        <source>The text model that writes it (empty: the provider chooses)</source>
        <translation>编写它的文本模型（留空则由服务商选择）</translation>
    </message>
    <message>
        <source>How hard that model reasons</source>
        <translation>该模型推理的投入程度</translation>
    </message>
</context>
<context>
    <name>ParamChoices</name>
    <message>
        <source>auto</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>minimal</source>
        <translation>极低</translation>
    </message>
    <message>
        <source>low</source>
        <translation>低</translation>
    </message>
    <message>
        <source>medium</source>
        <translation>中</translation>
    </message>
    <message>
        <source>high</source>
        <translation>高</translation>
    </message>
    <message>
        <source>xhigh</source>
        <translation>超高</translation>
    </message>
    <message>
        <source>max</source>
        <translation>最高</translation>
    </message>
    <message>
        <source>standard</source>
        <translation>标准</translation>
    </message>
    <message>
        <source>hd</source>
        <translation>高清</translation>
    </message>
    <message>
        <source>vivid</source>
        <translation>生动</translation>
    </message>
    <message>
        <source>natural</source>
        <translation>自然</translation>
    </message>
    <message>
        <source>opaque</source>
        <translation>不透明</translation>
    </message>
    <message>
        <source>transparent</source>
        <translation>透明</translation>
    </message>
</context>
<context>
    <name>ParamLabels</name>
    <message>
        <source>Size</source>
        <translation>尺寸</translation>
    </message>
    <message>
        <source>Quality</source>
        <translation>质量</translation>
    </message>
    <message>
        <source>Images</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <source>Compression</source>
        <translation>压缩率</translation>
    </message>
    <message>
        <source>Background</source>
        <translation>背景</translation>
    </message>
    <message>
        <source>Moderation</source>
        <translation>审核</translation>
    </message>
    <message>
        <source>Style</source>
        <translation>风格</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>种子</translation>
    </message>
    <message>
        <source>Aspect ratio</source>
        <translation>宽高比</translation>
    </message>
    <message>
        <source>Input fidelity</source>
        <translation>输入保真度</translation>
    </message>
    <message>
        <source>Stream</source>
        <translation>流式传输</translation>
    </message>
    <message>
        <source>Partial images</source>
        <translation>预览图数量</translation>
    </message>
    <message>
        <source>Response format</source>
        <translation>返回格式</translation>
    </message>
    <message>
        <source>Watermark</source>
        <translation>水印</translation>
    </message>
    <message>
        <source>Negative prompt</source>
        <translation>反向提示词</translation>
    </message>
    <message>
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>Complexity</source>
        <translation>复杂度</translation>
    </message>
    <message>
        <source>End-user id</source>
        <translation>终端用户 ID</translation>
    </message>
    <message>
        <source>Mask</source>
        <translation>蒙版</translation>
    </message>
    <message>
        <source>Frames</source>
        <translation>帧数</translation>
    </message>
    <message>
        <source>Frame time (ms)</source>
        <translation>每帧时长（毫秒）</translation>
    </message>
    <message>
        <source>SVG author</source>
        <translation>SVG 作者</translation>
    </message>
    <message>
        <source>Width x height of the result; some models accept any WxH within a rule.</source>
        <translation>结果的宽 × 高；部分模型接受符合规则的任意宽x高。</translation>
    </message>
    <message>
        <source>Higher quality costs more output tokens and takes longer.</source>
        <translation>质量越高，输出 token 越多，耗时越长。</translation>
    </message>
    <message>
        <source>How many images to make from this prompt.</source>
        <translation>用此提示词生成几张图像。</translation>
    </message>
    <message>
        <source>File format of the result.</source>
        <translation>结果的文件格式。</translation>
    </message>
    <message>
        <source>0–100; only for JPEG and WebP output.</source>
        <translation>0–100；仅适用于 JPEG 和 WebP 输出。</translation>
    </message>
    <message>
        <source>A transparent background needs PNG or WebP output.</source>
        <translation>透明背景需要 PNG 或 WebP 输出。</translation>
    </message>
    <message>
        <source>How strict the provider&apos;s content filter is.</source>
        <translation>服务商内容审核的严格程度。</translation>
    </message>
    <message>
        <source>Vivid leans to dramatic images, natural to realistic ones.</source>
        <translation>vivid 偏向戏剧化，natural 偏向写实。</translation>
    </message>
    <message>
        <source>The same seed with the same prompt gives similar images.</source>
        <translation>相同种子加相同提示词会得到相似的图像。</translation>
    </message>
    <message>
        <source>Shape of the result, such as 16:9.</source>
        <translation>结果的形状，例如 16:9。</translation>
    </message>
    <message>
        <source>How closely the result keeps faces and details of the inputs.</source>
        <translation>结果对输入图像中面部和细节的保留程度。</translation>
    </message>
    <message>
        <source>Receive partial images while the result is made; keeps proxies from cutting long requests.</source>
        <translation>生成过程中接收预览图；还能防止代理切断耗时较长的请求。</translation>
    </message>
    <message>
        <source>How many previews to stream before the final image.</source>
        <translation>最终图像之前推送几张预览图。</translation>
    </message>
    <message>
        <source>Effort the model spends planning the picture before drawing it, separate from quality; higher costs more.</source>
        <translation>模型在绘制前规划画面所花的功夫，与质量无关；越高越贵。</translation>
    </message>
    <message>
        <source>A stable id of your end user, sent to help the provider detect abuse.</source>
        <translation>您的终端用户的固定 ID，随请求发送，帮助服务商发现滥用。</translation>
    </message>
    <message>
        <source>How many frames the GIF animation has.</source>
        <translation>GIF 动画的帧数。</translation>
    </message>
    <message>
        <source>How long each GIF frame shows, in milliseconds (rounded to 10).</source>
        <translation>每个 GIF 帧显示的时长，单位毫秒（按 10 取整）。</translation>
    </message>
    <message>
        <source>The text model that writes the SVG and how hard it reasons; empty lets the provider choose.</source>
        <translation>编写 SVG 的文本模型及其推理投入程度；留空则由服务商选择。</translation>
    </message>
    <message>
        <source>Relay-specific parameter passed through as is.</source>
        <translation>中转站特有参数，原样传递。</translation>
    </message>
    <message>
        <source>Planning effort (layout, text, many objects), separate from quality; higher costs more.</source>
        <translation>规划力度（布局、文字、多个物体），与质量无关；越高越贵。</translation>
    </message>
    <message>
        <source>Or type any W×H: sides multiples of %1, long side up to %2, at most %3:1.</source>
        <translation>也可输入任意 宽×高：边长为 %1 的倍数，长边不超过 %2，宽高比不超过 %3:1。</translation>
    </message>
</context>
<context>
    <name>ParamsPanel</name>
    <message>
        <source>Fewer options</source>
        <translation>收起选项</translation>
    </message>
    <message>
        <source>More options (%1)</source>
        <translation>更多选项（%1）</translation>
    </message>
    <message>
        <source>Options most people leave as they are: %1</source>
        <translation>大多数人保持默认的选项：%1</translation>
    </message>
    <message>
        <source>Not set</source>
        <translation>未设置</translation>
    </message>
    <message>
        <source>Default</source>
        <translation>默认</translation>
    </message>
</context>
<context>
    <name>PromptEditor</name>
    <message>
        <source>No recent prompts</source>
        <translation>没有最近的提示词</translation>
    </message>
    <message>
        <source>Save selection or prompt as snippet…</source>
        <translation>将所选内容或提示词存为片段…</translation>
    </message>
    <message>
        <source>Remove snippet</source>
        <translation>删除片段</translation>
    </message>
    <message>
        <source>New snippet</source>
        <translation>新建片段</translation>
    </message>
    <message>
        <source>Name for this snippet:</source>
        <translation>片段名称：</translation>
    </message>
    <message>
        <source>&amp;Prompt</source>
        <translation>提示词(&amp;P)</translation>
    </message>
    <message>
        <source>Describe the image. %1 generates; Ctrl+Up recalls earlier prompts.</source>
        <translation>描述想要的图像。%1 生成；Ctrl+↑ 调出以前的提示词。</translation>
    </message>
    <message>
        <source>The prompt sent to the model (%1 to run).</source>
        <translation>发送给模型的提示词（%1 运行）。</translation>
    </message>
    <message>
        <source>Recent</source>
        <translation>最近</translation>
    </message>
    <message>
        <source>Earlier prompts (Ctrl+Up / Ctrl+Down)</source>
        <translation>以前的提示词（Ctrl+↑ / Ctrl+↓）</translation>
    </message>
    <message>
        <source>Snippets</source>
        <translation>片段</translation>
    </message>
    <message>
        <source>Insert a saved style or phrase at the cursor</source>
        <translation>在光标处插入已保存的风格或短语</translation>
    </message>
    <message>
        <source>Characters used / the model&apos;s limit</source>
        <translation>已用字符数 / 模型上限</translation>
    </message>
    <message>
        <source>Library</source>
        <translation>提示词库</translation>
    </message>
    <message>
        <source>Saved prompts: find, use, save, import and export</source>
        <translation>已保存的提示词：查找、使用、保存、导入和导出</translation>
    </message>
</context>
<context>
    <name>PromptForm</name>
    <message>
        <source>Edit saved prompt</source>
        <translation>编辑已保存的提示词</translation>
    </message>
    <message>
        <source>Save prompt to library</source>
        <translation>保存提示词到库</translation>
    </message>
    <message>
        <source>&amp;Title:</source>
        <translation>标题(&amp;T)：</translation>
    </message>
    <message>
        <source>&amp;Prompt:</source>
        <translation>提示词(&amp;P)：</translation>
    </message>
    <message>
        <source>T&amp;ags:</source>
        <translation>标签(&amp;A)：</translation>
    </message>
    <message>
        <source>Optional; the first line is shown otherwise</source>
        <translation>可选；不填则显示第一行</translation>
    </message>
    <message>
        <source>The prompt; {name} marks a variable a batch fills in</source>
        <translation>提示词；{name} 表示批量任务要填入的变量</translation>
    </message>
    <message>
        <source>Comma-separated, e.g. portrait, film</source>
        <translation>用逗号分隔，例如 人像, 胶片</translation>
    </message>
    <message>
        <source>Prompts tagged “snippet” are also in the composer&apos;s Snippets menu</source>
        <translation>带有“snippet”标签的提示词也会出现在编辑区的“片段”菜单中</translation>
    </message>
</context>
<context>
    <name>PromptLibraryDialog</name>
    <message>
        <source>More than %1 prompts match; narrow the search.</source>
        <translation>匹配的提示词超过 %1 条；请缩小搜索范围。</translation>
    </message>
    <message>
        <source>All tags</source>
        <translation>全部标签</translation>
    </message>
    <message>
        <source>Variables: %1</source>
        <translation>变量：%1</translation>
    </message>
    <message>
        <source>No variables: a batch needs at least one {name}.</source>
        <translation>没有变量：批量任务至少需要一个 {name}。</translation>
    </message>
    <message>
        <source>Tags: %1</source>
        <translation>标签：%1</translation>
    </message>
    <message>
        <source>This prompt has no {variables} to fill from a table.</source>
        <translation>这条提示词中没有 {variables} 形式的变量，无法从表格填入。</translation>
    </message>
    <message>
        <source>Saved “%1”.</source>
        <translation>已保存“%1”。</translation>
    </message>
    <message>
        <source>Deleted “%1”. Undo brings it back (%2).</source>
        <translation>已删除“%1”。撤销可恢复（%2）。</translation>
    </message>
    <message>
        <source>Brought back “%1”.</source>
        <translation>已恢复“%1”。</translation>
    </message>
    <message>
        <source>Import prompts</source>
        <translation>导入提示词</translation>
    </message>
    <message>
        <source>Prompt library (*.json);;All files (*)</source>
        <translation>提示词库 (*.json);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Importing %1…</source>
        <translation>正在导入 %1…</translation>
    </message>
    <message>
        <source>%1 added, %2 merged into prompts the library had.</source>
        <translation>新增 %1 条，%2 条合并到库中已有的提示词。</translation>
    </message>
    <message>
        <source>Nothing was imported: %1</source>
        <translation>未导入任何内容：%1</translation>
    </message>
    <message>
        <source>Export prompts</source>
        <translation>导出提示词</translation>
    </message>
    <message>
        <source>Prompt library (*.json)</source>
        <translation>提示词库 (*.json)</translation>
    </message>
    <message>
        <source>Shown: %1</source>
        <translation>显示：%1 条</translation>
    </message>
    <message>
        <source>No saved prompts yet. Press New… here, or keep the composer&apos;s prompt with Ctrl+D (Save prompt to library).</source>
        <translation>还没有保存的提示词。可在这里点“新建…”，或在编辑区按 Ctrl+D 保存当前提示词（保存提示词到库）。</translation>
    </message>
    <message>
        <source>No saved prompt matches this search or tag.</source>
        <translation>没有与此搜索或标签匹配的已保存提示词。</translation>
    </message>
    <message>
        <source>Uses: %1 (last %2)</source>
        <translation>使用次数：%1（最近一次 %2）</translation>
    </message>
    <message>
        <source>Skipped: %1.</source>
        <translation>跳过：%1 条。</translation>
    </message>
    <message>
        <source>Written to %1. Prompts exported: %2.</source>
        <translation>已写入 %1。导出的提示词：%2 条。</translation>
    </message>
    <message>
        <source>The file is over %1 MB, more than one import takes: export a tag or a search at a time to move the library in parts.</source>
        <translation>文件超过 %1 MB，超出单次导入的上限：请按标签或搜索分批导出，分几次迁移提示词库。</translation>
    </message>
    <message>
        <source>Pick a template from the library</source>
        <translation>从提示词库选择模板</translation>
    </message>
    <message>
        <source>Prompt library</source>
        <translation>提示词库</translation>
    </message>
    <message>
        <source>&amp;Search:</source>
        <translation>搜索(&amp;S)：</translation>
    </message>
    <message>
        <source>Words in the prompt, its title or tags; #tag</source>
        <translation>提示词、标题或标签中的词；#标签</translation>
    </message>
    <message>
        <source>T&amp;ag:</source>
        <translation>标签(&amp;A)：</translation>
    </message>
    <message>
        <source>Saved prompts</source>
        <translation>已保存的提示词</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <source>&amp;Use</source>
        <translation>使用(&amp;U)</translation>
    </message>
    <message>
        <source>Put this prompt in the composer</source>
        <translation>把这条提示词放入编辑区</translation>
    </message>
    <message>
        <source>Use as &amp;batch template</source>
        <translation>用作批量模板(&amp;B)</translation>
    </message>
    <message>
        <source>Run this prompt over a table of values for its {variables}</source>
        <translation>用一张取值表填入 {variables} 中的变量，批量运行这条提示词</translation>
    </message>
    <message>
        <source>&amp;New…</source>
        <translation>新建(&amp;N)…</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>编辑(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>删除(&amp;D)</translation>
    </message>
    <message>
        <source>Und&amp;o delete</source>
        <translation>撤销删除(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation>导入(&amp;I)…</translation>
    </message>
    <message>
        <source>Merge prompts from a JSON file into the library</source>
        <translation>把 JSON 文件中的提示词合并到库中</translation>
    </message>
    <message>
        <source>E&amp;xport…</source>
        <translation>导出(&amp;X)…</translation>
    </message>
    <message>
        <source>Write the prompts shown (all of them without a search) to a JSON file</source>
        <translation>把显示的提示词（未搜索时为全部）写入 JSON 文件</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>ProviderNames</name>
    <message>
        <source>Sandbox (offline)</source>
        <translation>沙盒（离线）</translation>
    </message>
    <message>
        <source>new-api / one-api relay</source>
        <translation>new-api / one-api 中转站</translation>
    </message>
    <message>
        <source>Custom OpenAI-compatible</source>
        <translation>自定义 OpenAI 兼容接口</translation>
    </message>
</context>
<context>
    <name>ProvidersPage</name>
    <message>
        <source>Warning: this address uses plain HTTP. The key and your images cross the network unencrypted.</source>
        <translation>警告：此地址使用明文 HTTP，密钥和图片将未经加密地在网络上传输。</translation>
    </message>
    <message>
        <source>This address uses plain HTTP: the key would cross the network unencrypted, so requests are refused unless you allow plain HTTP below.</source>
        <translation>此地址使用明文 HTTP：密钥将未经加密地在网络上传输，因此除非在下方允许明文 HTTP，否则请求会被拒绝。</translation>
    </message>
    <message numerus="yes">
        <source>Removed %n key(s) from the keyring.</source>
        <translation>
            <numerusform>已从密钥环中移除 %n 个密钥。</numerusform>
        </translation>
    </message>
    <message>
        <source>My provider %1</source>
        <translation>我的服务商 %1</translation>
    </message>
    <message>
        <source>Image models: %1</source>
        <translation>图像模型：%1</translation>
    </message>
    <message>
        <source>Keys are kept in the system keyring (%1).</source>
        <translation>密钥保存在系统钥匙串中（%1）。</translation>
    </message>
    <message>
        <source>No system keyring was found, so keys cannot be saved. Use “This session only” to keep a key until the app closes.</source>
        <translation>未找到系统钥匙串，无法保存密钥。可使用“仅本次会话”，在程序关闭前保留密钥。</translation>
    </message>
    <message>
        <source>This provider needs no key.</source>
        <translation>此服务商无需密钥。</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>正在检查…</translation>
    </message>
    <message>
        <source>Asking %1 at %2 for its models…</source>
        <translation>正在向 %1（%2）查询模型列表…</translation>
    </message>
    <message numerus="yes">
        <source>Connected: %n model(s).</source>
        <translation>
            <numerusform>连接成功：%n 个模型。</numerusform>
        </translation>
    </message>
    <message>
        <source>the built-in sandbox</source>
        <translation>内置沙盒</translation>
    </message>
    <message>
        <source>(no address yet)</source>
        <translation>（尚未填写地址）</translation>
    </message>
    <message>
        <source>No key yet</source>
        <translation>尚无密钥</translation>
    </message>
    <message>
        <source>Key for this session only: %1 (not saved; gone when the app closes)</source>
        <translation>仅本次会话的密钥：%1（未保存；关闭程序后失效）</translation>
    </message>
    <message>
        <source>Key from IMAGE_STUDIO_API_KEY: %1 (it overrides the keyring)</source>
        <translation>来自 IMAGE_STUDIO_API_KEY 的密钥：%1（优先于密钥环）</translation>
    </message>
    <message>
        <source>Key stored in the keyring: %1</source>
        <translation>密钥已保存在密钥环中：%1</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <source>Remove all my keys</source>
        <translation>移除我的所有密钥</translation>
    </message>
    <message>
        <source>Delete every API key Image Studio stored in the system keyring?</source>
        <translation>删除 Image Studio 保存在系统密钥环中的所有 API 密钥？</translation>
    </message>
    <message>
        <source>Keys kept for this session are forgotten too. This cannot be undone.</source>
        <translation>仅本次会话保存的密钥也会被清除。此操作无法撤销。</translation>
    </message>
    <message>
        <source>Remove all keys</source>
        <translation>移除所有密钥</translation>
    </message>
    <message>
        <source>Removing…</source>
        <translation>正在移除…</translation>
    </message>
    <message>
        <source>Add an OpenAI-compatible provider or relay</source>
        <translation>添加 OpenAI 兼容的服务商或中转站</translation>
    </message>
    <message>
        <source>A&amp;dd custom</source>
        <translation>添加自定义(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>移除(&amp;R)</translation>
    </message>
    <message>
        <source>Remove this custom provider</source>
        <translation>删除此自定义服务商</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>名称(&amp;N)</translation>
    </message>
    <message>
        <source>Base &amp;URL</source>
        <translation>接口地址(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Auth style</source>
        <translation>认证方式(&amp;A)</translation>
    </message>
    <message>
        <source>Extra &amp;headers</source>
        <translation>附加请求头(&amp;H)</translation>
    </message>
    <message>
        <source>Default &amp;model</source>
        <translation>默认模型(&amp;M)</translation>
    </message>
    <message>
        <source>API &amp;key</source>
        <translation>API 密钥(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;Price factor</source>
        <translation>价格系数(&amp;P)</translation>
    </message>
    <message>
        <source>Providers</source>
        <translation>服务商</translation>
    </message>
    <message>
        <source>Test result</source>
        <translation>测试结果</translation>
    </message>
    <message>
        <source>Costs are the model tables&apos; prices times this factor: a relay that bills 68 % of OpenAI&apos;s list price is 0.68</source>
        <translation>费用 = 模型能力表中的价格 × 此系数：按 OpenAI 标价 68% 计费的中转站填 0.68</translation>
    </message>
    <message>
        <source>The name shown in the provider list</source>
        <translation>在服务商列表中显示的名称</translation>
    </message>
    <message>
        <source>The API address, ending in /v1 (https://HOST/v1)</source>
        <translation>接口地址，以 /v1 结尾（https://HOST/v1）</translation>
    </message>
    <message>
        <source>Allow p&amp;lain HTTP (the key travels unencrypted)</source>
        <translation>允许明文 HTTP(&amp;L)（密钥不加密传输）</translation>
    </message>
    <message>
        <source>Only for a relay on a network you trust; https:// is always preferred</source>
        <translation>仅用于你信任的网络中的中转服务；始终优先使用 https://</translation>
    </message>
    <message>
        <source>Send local upl&amp;oads as a data URL</source>
        <translation>以 data URL 形式上传本地文件(&amp;O)</translation>
    </message>
    <message>
        <source>Sa&amp;ve in keyring</source>
        <translation>保存到钥匙串(&amp;V)</translation>
    </message>
    <message>
        <source>Th&amp;is session only</source>
        <translation>仅本次会话(&amp;I)</translation>
    </message>
    <message>
        <source>R&amp;emove key</source>
        <translation>删除密钥(&amp;E)</translation>
    </message>
    <message>
        <source>Remove all m&amp;y keys…</source>
        <translation>移除我的所有密钥(&amp;Y)…</translation>
    </message>
    <message>
        <source>For the paiwo-picture upload of a local file: a remote server cannot read a path on this computer, so the file&apos;s bytes are sent instead</source>
        <translation>用于 paiwo-picture 上传本地文件：远程服务器无法读取本机上的路径，因此改为发送文件内容</translation>
    </message>
    <message>
        <source>Authorization: Bearer KEY</source>
        <translation>Authorization: Bearer 密钥</translation>
    </message>
    <message>
        <source>Authorization: KEY (no Bearer)</source>
        <translation>Authorization: 密钥（不带 Bearer）</translation>
    </message>
    <message>
        <source>No key</source>
        <translation>无密钥</translation>
    </message>
    <message>
        <source>How the key is sent; DMXAPI documents the raw form</source>
        <translation>密钥的发送方式；DMXAPI 文档使用不带 Bearer 的形式</translation>
    </message>
    <message>
        <source>One “Name: value” per line, sent with every request</source>
        <translation>每行一个“名称: 值”，随每个请求发送</translation>
    </message>
    <message>
        <source>The model chosen when this provider is selected</source>
        <translation>选择此服务商时默认使用的模型</translation>
    </message>
    <message>
        <source>&amp;Test</source>
        <translation>测试(&amp;T)</translation>
    </message>
    <message>
        <source>Connect and list the provider&apos;s models</source>
        <translation>连接并列出服务商的模型</translation>
    </message>
    <message>
        <source>Paste a new key to replace the stored one</source>
        <translation>粘贴新密钥以替换已保存的密钥</translation>
    </message>
    <message>
        <source>The key is never shown again once saved</source>
        <translation>密钥保存后不会再次显示</translation>
    </message>
    <message>
        <source>Store the key in the system keyring</source>
        <translation>将密钥保存到系统钥匙串</translation>
    </message>
    <message>
        <source>Keep the key in memory until the app closes</source>
        <translation>在程序关闭前把密钥保留在内存中</translation>
    </message>
    <message>
        <source>Forget the stored key</source>
        <translation>删除已保存的密钥</translation>
    </message>
    <message>
        <source>Providers: built-in ones and your own</source>
        <translation>服务商：内置的和您自己添加的</translation>
    </message>
    <message>
        <source>Delete every key Image Studio stored in the system keyring</source>
        <translation>删除 Image Studio 保存在系统密钥环中的所有密钥</translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <source>&amp;Look in:</source>
        <translation>查找范围(&amp;L)：</translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation>文件类型(&amp;T)：</translation>
    </message>
</context>
<context>
    <name>RecoveryBanner</name>
    <message numerus="yes">
        <source>%n paid result(s) could not be read.</source>
        <translation>
            <numerusform>%n 个已付费的结果无法读取。</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Retry download</source>
        <translation>重新下载(&amp;R)</translation>
    </message>
    <message>
        <source>Read the reply again and fetch its image links</source>
        <translation>重新读取回复并获取其中的图片链接</translation>
    </message>
    <message>
        <source>Open the raw reply</source>
        <translation>打开原始回复</translation>
    </message>
    <message>
        <source>The reply exactly as the provider sent it</source>
        <translation>服务商发来的原始回复内容</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>丢弃</translation>
    </message>
    <message>
        <source>Delete this reply from the journal</source>
        <translation>从日志中删除此回复</translation>
    </message>
</context>
<context>
    <name>RemoteInput</name>
    <message>
        <source>Add an image by address or file id</source>
        <translation>按网址或文件 ID 添加图像</translation>
    </message>
    <message>
        <source>An http(s) address the provider fetches, or the file id of an upload (file-…). The edit is then sent as JSON.</source>
        <translation>由服务商获取的 http(s) 网址，或已上传文件的文件 ID（file-…）。编辑将以 JSON 发送。</translation>
    </message>
</context>
<context>
    <name>ResultViewer</name>
    <message>
        <source>Save image as</source>
        <translation>图像另存为</translation>
    </message>
    <message>
        <source>Saving failed: %1</source>
        <translation>保存失败：%1</translation>
    </message>
    <message>
        <source>Could not save</source>
        <translation>无法保存</translation>
    </message>
    <message>
        <source>Could not open the folder</source>
        <translation>无法打开文件夹</translation>
    </message>
    <message>
        <source>No file manager could be started. The image is saved in:</source>
        <translation>无法启动文件管理器。图像保存在：</translation>
    </message>
    <message>
        <source>Copy path</source>
        <translation>复制路径</translation>
    </message>
    <message>
        <source>%1 × %2, %3</source>
        <translation>%1 × %2，%3</translation>
    </message>
    <message>
        <source>The drawing is not shown: %1</source>
        <translation>未显示该矢量图：%1</translation>
    </message>
    <message>
        <source>Revised prompt: %1</source>
        <translation>改写后的提示词：%1</translation>
    </message>
    <message>
        <source>Carries content credentials (C2PA) from the provider: present, not verified here. Saving as original keeps them.</source>
        <translation>带有服务商的内容凭证（C2PA）：已检测到，此处未验证。以原始文件保存可保留它们。</translation>
    </message>
    <message>
        <source>Usage: %1 input tokens, %2 output tokens</source>
        <translation>用量：输入 %1 个 token，输出 %2 个 token</translation>
    </message>
    <message>
        <source>SVG written by %1: %2 tokens</source>
        <translation>SVG 由 %1 编写：%2 个 token</translation>
    </message>
    <message>
        <source>Cost: %1</source>
        <translation>费用：%1</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>适应</translation>
    </message>
    <message>
        <source>100 %</source>
        <translation>100%</translation>
    </message>
    <message>
        <source>Fit the image in the view</source>
        <translation>让图像适应视图</translation>
    </message>
    <message>
        <source>Job #%1 · %2 on %3</source>
        <translation>任务 #%1 · %2，服务商 %3</translation>
    </message>
    <message>
        <source>The offline sandbox charges nothing: this is what the job would cost at the model&apos;s rates.</source>
        <translation>离线沙盒不收费：这是按该模型的价格计算的费用。</translation>
    </message>
    <message>
        <source>Show at actual size</source>
        <translation>以实际大小显示</translation>
    </message>
    <message>
        <source>Drag out</source>
        <translation>拖出</translation>
    </message>
    <message>
        <source>Drag from here to a folder or another app: the image as a file</source>
        <translation>从这里拖到文件夹或其他应用：以文件形式带出图像</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Copy the image to the clipboard</source>
        <translation>将图像复制到剪贴板</translation>
    </message>
    <message>
        <source>Save as…</source>
        <translation>另存为…</translation>
    </message>
    <message>
        <source>Save a copy of the image</source>
        <translation>保存图像副本</translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation>打开文件夹</translation>
    </message>
    <message>
        <source>Show the folder it is saved in</source>
        <translation>显示图像所在的文件夹</translation>
    </message>
    <message>
        <source>Edit this</source>
        <translation>编辑此图</translation>
    </message>
    <message>
        <source>Use this image as an edit input</source>
        <translation>将此图像用作编辑输入</translation>
    </message>
    <message>
        <source>Variations</source>
        <translation>变体</translation>
    </message>
    <message>
        <source>Make variations of this image</source>
        <translation>为此图像制作变体</translation>
    </message>
    <message>
        <source>Wheel zooms, drag pans, double-click toggles fit / 100 %</source>
        <translation>滚轮缩放，拖动平移，双击在适应窗口 / 100% 之间切换</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Results appear here. Write a prompt and press Generate.</source>
        <translation>结果会显示在这里。写下提示词，然后点“生成”。</translation>
    </message>
    <message>
        <source>All images of this job</source>
        <translation>此任务的全部图像</translation>
    </message>
</context>
<context>
    <name>RetiredModel</name>
    <message>
        <source>%1 has been shut down</source>
        <translation>%1 已停用</translation>
    </message>
    <message>
        <source>Its maker shut %1 down on %2, so the provider no longer runs it.</source>
        <translation>官方已于 %2 停用 %1，服务商不再运行它。</translation>
    </message>
    <message>
        <source>Its maker shut %1 down, so the provider no longer runs it.</source>
        <translation>官方已停用 %1，服务商不再运行它。</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>On %1 every setting carries over except: %2.</source>
        <translation>换用 %1 时，除以下设置外全部沿用：%2。</translation>
    </message>
    <message>
        <source>On %1 every setting carries over.</source>
        <translation>换用 %1 时，全部设置沿用。</translation>
    </message>
    <message>
        <source>Run again with %1</source>
        <translation>用 %1 重新运行</translation>
    </message>
</context>
<context>
    <name>SaveFiles</name>
    <message>
        <source>As received (%1)</source>
        <translation>按收到的原样 (%1)</translation>
    </message>
    <message>
        <source>With parameters (%1)</source>
        <translation>包含参数 (%1)</translation>
    </message>
    <message>
        <source>As original, content credentials kept (%1)</source>
        <translation>原始文件，保留内容凭证 (%1)</translation>
    </message>
    <message>
        <source>Without metadata, for sharing (%1)</source>
        <translation>不含元数据，用于分享 (%1)</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <source>The original&apos;s content credentials no longer verify in this copy; save as original to keep them.</source>
        <translation>原图的内容凭证在此副本中已无法通过验证；如需保留，请以原始文件保存。</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Automatic</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>CA bundle</source>
        <translation>CA 证书包</translation>
    </message>
    <message>
        <source>Output folder</source>
        <translation>输出文件夹</translation>
    </message>
    <message>
        <source>Could not save the settings: %1</source>
        <translation>无法保存设置：%1</translation>
    </message>
    <message>
        <source>Putting the keys back as they were…</source>
        <translation>正在将密钥恢复原状…</translation>
    </message>
    <message>
        <source>Could not put the keys back: %1</source>
        <translation>无法恢复密钥：%1</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Check the file names: %1</source>
        <translation>请检查文件名：%1</translation>
    </message>
    <message>
        <source>The API key could not be kept, so nothing was saved.</source>
        <translation>API 密钥未能保存，因此设置也没有保存。</translation>
    </message>
    <message>
        <source>Save changes to Settings?</source>
        <translation>要保存对设置的更改吗？</translation>
    </message>
    <message>
        <source>Your changes are lost if you do not save them.</source>
        <translation>如果不保存，所做的更改将会丢失。</translation>
    </message>
    <message>
        <source>Providers</source>
        <translation>服务商</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>网络</translation>
    </message>
    <message>
        <source>General</source>
        <translation>常规</translation>
    </message>
    <message>
        <source>&amp;Connect timeout (s)</source>
        <translation>连接超时（秒）(&amp;C)</translation>
    </message>
    <message>
        <source>Seconds to wait for a connection</source>
        <translation>等待建立连接的秒数</translation>
    </message>
    <message>
        <source>&amp;Read timeout (s)</source>
        <translation>读取超时（秒）(&amp;R)</translation>
    </message>
    <message>
        <source>Seconds to wait for an answer; image models can take minutes</source>
        <translation>等待响应的秒数；图像模型可能需要数分钟</translation>
    </message>
    <message>
        <source>Automatic retry &amp;wait up to (s)</source>
        <translation>自动重试最长等待（秒）(&amp;W)</translation>
    </message>
    <message>
        <source>Longest Retry-After the app waits by itself before retrying</source>
        <translation>程序自动等待后重试时可接受的最长 Retry-After</translation>
    </message>
    <message>
        <source>&amp;Proxy</source>
        <translation>代理(&amp;P)</translation>
    </message>
    <message>
        <source>HTTP(S) proxy for all requests; empty for none</source>
        <translation>所有请求使用的 HTTP(S) 代理；留空表示不用</translation>
    </message>
    <message>
        <source>C&amp;A bundle</source>
        <translation>CA 证书包(&amp;A)</translation>
    </message>
    <message>
        <source>A PEM file of extra trusted certificates</source>
        <translation>附加受信任证书的 PEM 文件</translation>
    </message>
    <message>
        <source>Job &amp;deadline (s)</source>
        <translation>任务期限(&amp;D)（秒）</translation>
    </message>
    <message>
        <source>A job (every request, retry and download) is stopped after this long</source>
        <translation>任务（包括所有请求、重试和下载）超过此时长即停止</translation>
    </message>
    <message>
        <source>Stream &amp;idle limit (s)</source>
        <translation>数据流空闲上限(&amp;I)（秒）</translation>
    </message>
    <message>
        <source>A stream that sends only keep-alives for this long is stopped</source>
        <translation>数据流在此时长内只发送保活信号时即停止</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>浏览(&amp;B)…</translation>
    </message>
    <message>
        <source>No&amp;tify me when a long job ends while I am in another window</source>
        <translation>我在其他窗口时，长任务结束后通知我(&amp;T)</translation>
    </message>
    <message>
        <source>Choose a certificate file</source>
        <translation>选择证书文件</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Output folder</source>
        <translation>输出文件夹(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Start with provider</source>
        <translation>启动时的服务商(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Appearance</source>
        <translation>外观(&amp;A)</translation>
    </message>
    <message>
        <source>File &amp;names</source>
        <translation>文件名(&amp;N)</translation>
    </message>
    <message>
        <source>Exported &amp;files</source>
        <translation>导出文件(&amp;F)</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <source>Light or dark colours; it changes when you save</source>
        <translation>浅色或深色界面；保存后生效</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>The interface language; it changes at once</source>
        <translation>界面语言；立即生效</translation>
    </message>
    <message>
        <source>Where finished images are saved</source>
        <translation>完成的图像保存位置</translation>
    </message>
    <message>
        <source>Choose the output folder</source>
        <translation>选择输出文件夹</translation>
    </message>
    <message>
        <source>The provider selected when the app starts</source>
        <translation>程序启动时选中的服务商</translation>
    </message>
    <message>
        <source>A desktop notification (or a flashing task bar entry) for jobs over 15 s</source>
        <translation>对超过 15 秒的任务发出桌面通知（或让任务栏图标闪烁）</translation>
    </message>
</context>
<context>
    <name>SettingsFromFile</name>
    <message>
        <source>Use settings from an image</source>
        <translation>使用图像中的设置</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.webp *.gif *.svg)</source>
        <translation>图像 (*.png *.jpg *.jpeg *.webp *.gif *.svg)</translation>
    </message>
</context>
<context>
    <name>SettingsFromFileDialog</name>
    <message>
        <source>Settings in %1</source>
        <translation>%1 中的设置</translation>
    </message>
    <message>
        <source>Use these settings</source>
        <translation>使用这些设置</translation>
    </message>
    <message>
        <source>Add as input image</source>
        <translation>添加为输入图像</translation>
    </message>
    <message>
        <source>This image carries no settings the studio reads.</source>
        <translation>此图像没有本工作室能读取的设置。</translation>
    </message>
    <message>
        <source>Read from: %1</source>
        <translation>读取自：%1</translation>
    </message>
    <message>
        <source>What changes in the composer:</source>
        <translation>编辑区中将要更改的内容：</translation>
    </message>
    <message>
        <source>%1: %2 → %3</source>
        <translation>%1：%2 → %3</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>The composer already has these settings.</source>
        <translation>编辑区已经是这些设置。</translation>
    </message>
    <message>
        <source>It was made on the provider %1, which is not set up here: the settings stay with the current provider.</source>
        <translation>它是在服务商 %1 上生成的，但这里没有设置该服务商：这些设置将用于当前服务商。</translation>
    </message>
    <message>
        <source>Left out (the model or provider does not take them):</source>
        <translation>未采用（模型或服务商不支持）：</translation>
    </message>
    <message>
        <source>The image carries content credentials (C2PA).</source>
        <translation>此图像带有内容凭证（C2PA）。</translation>
    </message>
    <message>
        <source>Provider</source>
        <translation>服务商</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>模式</translation>
    </message>
    <message>
        <source>Prompt</source>
        <translation>提示词</translation>
    </message>
    <message>
        <source>Negative prompt</source>
        <translation>反向提示词</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>尺寸</translation>
    </message>
    <message>
        <source>Quality</source>
        <translation>质量</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>种子</translation>
    </message>
</context>
<context>
    <name>Shortcut</name>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
</context>
<context>
    <name>SpendView</name>
    <message>
        <source>Could not read the history: %1</source>
        <translation>无法读取历史记录：%1</translation>
    </message>
    <message>
        <source>Reading the history…</source>
        <translation>正在读取历史记录…</translation>
    </message>
    <message>
        <source>Nothing spent yet: sandbox jobs are simulated and not counted.</source>
        <translation>尚无花费：沙盒任务的费用是模拟的，不计入。</translation>
    </message>
    <message>
        <source>No job with a known cost in the history yet.</source>
        <translation>历史记录中还没有已知费用的任务。</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>Total: %1</source>
        <translation>合计：%1</translation>
    </message>
    <message>
        <source>Sandbox jobs are simulated: they are not in the total.</source>
        <translation>沙盒任务的费用是模拟的，不计入总计。</translation>
    </message>
    <message>
        <source>Spending</source>
        <translation>花费</translation>
    </message>
    <message>
        <source>&amp;Group by</source>
        <translation>分组方式(&amp;G)</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>按日</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>按月</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Provider</source>
        <translation>服务商</translation>
    </message>
    <message>
        <source>Jobs</source>
        <translation>任务数</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>费用</translation>
    </message>
    <message>
        <source>Nothing spent yet.</source>
        <translation>尚无花费。</translation>
    </message>
    <message>
        <source>Costs come from the usage each provider reported, at the rates in the model tables times the provider&apos;s price factor (Settings → Providers); jobs without usage or a known rate are not counted. Your provider&apos;s bill is what counts.</source>
        <translation>费用按各服务商返回的用量、模型能力表中的费率再乘以该服务商的价格系数（设置 → 服务商）计算；没有用量或费率未知的任务不计入。请以服务商账单为准。</translation>
    </message>
</context>
<context>
    <name>TargetList</name>
    <message>
        <source>cannot edit</source>
        <translation>无法编辑</translation>
    </message>
    <message>
        <source>%1 cannot edit pictures: it only makes new ones.</source>
        <translation>%1 无法编辑图片，只能生成新图。</translation>
    </message>
    <message>
        <source>no API key</source>
        <translation>无 API 密钥</translation>
    </message>
    <message>
        <source>No API key for %1: add one in Settings → Providers.</source>
        <translation>%1 没有 API 密钥：请在“设置 → 服务商”中添加。</translation>
    </message>
</context>
<context>
    <name>TestText</name>
    <message>
        <source>Testing %1 at %2 failed: %3</source>
        <translation>测试 %1（%2）失败：%3</translation>
    </message>
    <message>
        <source>Nothing was sent to %1 at %2: %3</source>
        <translation>未发送任何内容到 %1（%2）：%3</translation>
    </message>
    <message>
        <source>%1 needs an API key. Paste it in the key field below, then press Test again.</source>
        <translation>%1 需要 API 密钥。请将其粘贴到下方的密钥框中，然后再次点击“测试”。</translation>
    </message>
    <message>
        <source>%1 at %2 refused the key (401). Paste the right key below and press Test again.</source>
        <translation>%1（%2）拒绝了该密钥（401）。请在下方粘贴正确的密钥，然后再次点击“测试”。</translation>
    </message>
    <message>
        <source>%1 at %2 accepted the connection but refused the key&apos;s access (403): the account may be out of credit or the key not allowed here. Check the account on the provider&apos;s site.</source>
        <translation>%1（%2）接受了连接，但拒绝了该密钥的访问（403）：账户可能余额不足，或该密钥无权使用。请到服务商网站检查账户。</translation>
    </message>
    <message>
        <source>%1 at %2 did not answer in time. Check the address and the proxy (Network tab), or try again later.</source>
        <translation>%1（%2）未能及时响应。请检查地址和代理（“网络”标签页），或稍后再试。</translation>
    </message>
    <message>
        <source>Could not reach %1 at %2 (%3). Check the Base URL above, your network and the proxy (Network tab).</source>
        <translation>无法连接 %1（%2）（%3）。请检查上方的 Base URL、网络和代理（“网络”标签页）。</translation>
    </message>
    <message>
        <source>%1 at %2 or a proxy in front of it failed (%3). Try again in a moment.</source>
        <translation>%1（%2）或其前面的代理出错（%3）。请稍后再试。</translation>
    </message>
    <message>
        <source>%1 at %2 is rate limiting. Wait a little and press Test again.</source>
        <translation>%1（%2）正在限流。请稍等片刻后再次点击“测试”。</translation>
    </message>
    <message>
        <source>%1 at %2 answered with an error: %3</source>
        <translation>%1（%2）返回了错误：%3</translation>
    </message>
</context>
<context>
    <name>ThreadWords</name>
    <message numerus="yes">
        <source>Thread · %n turn(s)</source>
        <translation>
            <numerusform>对话 · %n 轮</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TurnAttachments</name>
    <message>
        <source>Use result</source>
        <translation>使用结果</translation>
    </message>
    <message>
        <source>Attach the picture on show in the Result tab to this turn</source>
        <translation>把“结果”标签页中显示的图片附加到本轮</translation>
    </message>
    <message>
        <source>Paint mask…</source>
        <translation>绘制蒙版…</translation>
    </message>
    <message>
        <source>Paint the area the next turn may change, on the image it edits (the turn being continued, or the first attached image)</source>
        <translation>在下一轮要编辑的图片上（所继续的那一轮，或第一张附加图片）涂出它可以修改的区域</translation>
    </message>
    <message>
        <source>Remove the mask</source>
        <translation>移除蒙版</translation>
    </message>
    <message>
        <source>The Result tab shows no picture to attach.</source>
        <translation>“结果”标签页中没有可附加的图片。</translation>
    </message>
    <message>
        <source>Nothing to paint on yet: continue a turn, or attach an image first.</source>
        <translation>还没有可绘制的图片：请先继续某一轮，或附加一张图片。</translation>
    </message>
    <message>
        <source>The mask could not be made: %1</source>
        <translation>无法生成蒙版：%1</translation>
    </message>
    <message>
        <source>The mask was removed: it was painted on another image than the one this turn edits.</source>
        <translation>蒙版已移除：它是画在另一张图片上的，而不是本轮要编辑的图片。</translation>
    </message>
    <message>
        <source>No mask: the whole picture may change.</source>
        <translation>无蒙版：整张图片都可能改变。</translation>
    </message>
    <message>
        <source>Mask %1×%2, %3 % of the picture may change</source>
        <translation>蒙版 %1×%2，图片的 %3 % 可以改变</translation>
    </message>
</context>
<context>
    <name>TurnRow</name>
    <message>
        <source>Turn</source>
        <translation>对话轮次</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>正在停止…</translation>
    </message>
    <message>
        <source>Drawing · %1</source>
        <translation>正在绘制 · %1</translation>
    </message>
    <message>
        <source>Sending · %1</source>
        <translation>正在发送 · %1</translation>
    </message>
    <message>
        <source>Done in %1</source>
        <translation>用时 %1 完成</translation>
    </message>
    <message>
        <source>Cancelled after %1</source>
        <translation>%1 后取消</translation>
    </message>
    <message>
        <source>Failed (what happened is in the Conversation tab)</source>
        <translation>失败（详情见“对话”标签页）</translation>
    </message>
    <message>
        <source>Failed: %1 (Retry is in the Conversation tab)</source>
        <translation>失败：%1（可在“对话”标签页中重试）</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Stop waiting for this turn (a request already sent may still be billed)</source>
        <translation>停止等待这一轮（已发出的请求仍可能计费）</translation>
    </message>
    <message>
        <source>A conversation turn: choose it to see its conversation</source>
        <translation>对话中的一轮：选中即可查看它所在的对话</translation>
    </message>
</context>
<context>
    <name>UploadPanel</name>
    <message>
        <source>%1 is not a file.</source>
        <translation>%1 不是文件。</translation>
    </message>
    <message>
        <source>Uploading %1…</source>
        <translation>正在上传 %1…</translation>
    </message>
    <message>
        <source>Uploaded. Use the id in an image-to-video request.</source>
        <translation>已上传。在图生视频请求中使用此 id。</translation>
    </message>
    <message>
        <source>Choose an image to upload</source>
        <translation>选择要上传的图像</translation>
    </message>
    <message>
        <source>Copied: %1</source>
        <translation>已复制：%1</translation>
    </message>
    <message>
        <source>This model uploads an image for image-to-video and returns its id: choose a file or paste an image URL, then Upload.</source>
        <translation>此模型用于为图生视频上传图像并返回其 id：选择文件或粘贴图像 URL，然后点击“上传”。</translation>
    </message>
    <message>
        <source>&amp;Image</source>
        <translation>图像(&amp;I)</translation>
    </message>
    <message>
        <source>Image id</source>
        <translation>图像 id</translation>
    </message>
    <message>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>A file path or https://… address</source>
        <translation>文件路径或 https://… 地址</translation>
    </message>
    <message>
        <source>Choose file…</source>
        <translation>选择文件…</translation>
    </message>
    <message>
        <source>&amp;Upload</source>
        <translation>上传(&amp;U)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Copy the image id</source>
        <translation>复制图像 id</translation>
    </message>
    <message>
        <source>Copy the image URL</source>
        <translation>复制图像 URL</translation>
    </message>
    <message>
        <source>Past uploads (double-click to show one)</source>
        <translation>以往上传（双击查看）</translation>
    </message>
</context>
<context>
    <name>ViewOptions</name>
    <message>
        <source>Small Tiles</source>
        <translation>小图块</translation>
    </message>
    <message>
        <source>Medium Tiles</source>
        <translation>中图块</translation>
    </message>
    <message>
        <source>Large Tiles</source>
        <translation>大图块</translation>
    </message>
    <message>
        <source>Tile size (Ctrl+wheel for any size)</source>
        <translation>图块大小（Ctrl+滚轮可任意缩放）</translation>
    </message>
    <message>
        <source>List with columns</source>
        <translation>分栏列表</translation>
    </message>
    <message>
        <source>Tile size</source>
        <translation>缩略图大小</translation>
    </message>
</context>
<context>
    <name>Welcome</name>
    <message>
        <source>Make pictures from words</source>
        <translation>用文字创作图片</translation>
    </message>
    <message>
        <source>Describe an image on the left and press Generate (%1). Edit part of a picture by painting where it may change, or draw arrows and notes to show what to change; make variations; find everything again in the history below.</source>
        <translation>在左侧描述一张图片，然后按“生成”（%1）。编辑图片时，可以涂出允许改动的区域，或画上箭头和注释来说明要改什么；还可以生成变体；所有作品都能在下方的历史记录中再次找到。</translation>
    </message>
    <message>
        <source>Try an example</source>
        <translation>试一个示例</translation>
    </message>
    <message>
        <source>Writes an example prompt and generates it</source>
        <translation>填入一个示例提示词并生成</translation>
    </message>
    <message>
        <source>A watercolour fox curled up asleep under a paper lantern, warm light</source>
        <translation>一只水彩风格的狐狸蜷缩着睡在纸灯笼下，温暖的灯光</translation>
    </message>
</context>
<context>
    <name>WindowActions</name>
    <message>
        <source>The input images are still being prepared: try again in a moment.</source>
        <translation>输入图片仍在准备中，请稍后再试。</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>查看(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Generate</source>
        <translation>生成(&amp;G)</translation>
    </message>
    <message>
        <source>Send the job</source>
        <translation>发送任务</translation>
    </message>
    <message>
        <source>&amp;Open input images…</source>
        <translation>打开输入图像(&amp;O)…</translation>
    </message>
    <message>
        <source>Add images to edit</source>
        <translation>添加要编辑的图像</translation>
    </message>
    <message>
        <source>Use settings from an &amp;image…</source>
        <translation>使用图像中的设置(&amp;I)…</translation>
    </message>
    <message>
        <source>Read the prompt and settings an image carries (or drop it on the viewer)</source>
        <translation>读取图像中携带的提示词和设置（也可以将图像拖放到查看器上）</translation>
    </message>
    <message>
        <source>E&amp;xpand the picture…</source>
        <translation>扩展图片(&amp;X)…</translation>
    </message>
    <message>
        <source>Make the first input larger; the model fills the new area</source>
        <translation>把第一张输入图片扩大；由模型填充新增区域</translation>
    </message>
    <message>
        <source>&amp;Batch from a template…</source>
        <translation>按模板批量生成(&amp;B)…</translation>
    </message>
    <message>
        <source>Run the prompt as a template over a table of values</source>
        <translation>把提示词作为模板，按一张取值表批量运行</translation>
    </message>
    <message>
        <source>Co&amp;mpare models…</source>
        <translation>对比模型(&amp;M)…</translation>
    </message>
    <message>
        <source>Send the prompt to several models or providers and see them side by side</source>
        <translation>把提示词发送给多个模型或服务商，并排查看结果</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <source>Providers, keys, network, language</source>
        <translation>服务商、密钥、网络、语言</translation>
    </message>
    <message>
        <source>&amp;Cancel all jobs</source>
        <translation>取消全部任务(&amp;C)</translation>
    </message>
    <message>
        <source>Stop every running job</source>
        <translation>停止所有运行中的任务</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>Close the studio</source>
        <translation>关闭程序</translation>
    </message>
    <message>
        <source>&amp;Fit image</source>
        <translation>适应窗口(&amp;F)</translation>
    </message>
    <message>
        <source>Fit the image in the view</source>
        <translation>让图像适应视图</translation>
    </message>
    <message>
        <source>&amp;Actual size</source>
        <translation>实际大小(&amp;A)</translation>
    </message>
    <message>
        <source>Show the image at 100 %</source>
        <translation>以 100% 显示图像</translation>
    </message>
    <message>
        <source>Zoom &amp;in</source>
        <translation>放大(&amp;I)</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>放大</translation>
    </message>
    <message>
        <source>Zoom &amp;out</source>
        <translation>缩小(&amp;O)</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>缩小</translation>
    </message>
    <message>
        <source>&amp;Copy image</source>
        <translation>复制图像(&amp;C)</translation>
    </message>
    <message>
        <source>Copy the shown image</source>
        <translation>复制当前显示的图像</translation>
    </message>
    <message>
        <source>&amp;Save image as…</source>
        <translation>图像另存为(&amp;S)…</translation>
    </message>
    <message>
        <source>Save the shown image</source>
        <translation>保存当前显示的图像</translation>
    </message>
    <message>
        <source>Image Studio &amp;help</source>
        <translation>Image Studio 帮助(&amp;H)</translation>
    </message>
    <message>
        <source>Shortcuts, masks, and what costs money</source>
        <translation>快捷键、蒙版以及哪些操作会产生费用</translation>
    </message>
    <message>
        <source>S&amp;pending…</source>
        <translation>花费(&amp;P)…</translation>
    </message>
    <message>
        <source>What your jobs cost, per provider and per day or month</source>
        <translation>各任务的花费，按服务商和日/月汇总</translation>
    </message>
    <message>
        <source>Check models&apos; shut&amp;down dates</source>
        <translation>检查模型停用日期(&amp;D)</translation>
    </message>
    <message>
        <source>Ask the provider now which of its models shut down when</source>
        <translation>立即向服务商查询其模型的停用日期</translation>
    </message>
    <message>
        <source>&amp;About Image Studio</source>
        <translation>关于 Image Studio(&amp;A)</translation>
    </message>
    <message>
        <source>Version and data folder</source>
        <translation>版本与数据文件夹</translation>
    </message>
</context>
<context>
    <name>WindowErrors</name>
    <message>
        <source>Edit the prompt</source>
        <translation>修改提示词</translation>
    </message>
    <message>
        <source>Go to the prompt to rephrase it</source>
        <translation>转到提示词以换一种说法</translation>
    </message>
    <message>
        <source>Add a key…</source>
        <translation>添加密钥…</translation>
    </message>
    <message>
        <source>Open this provider&apos;s settings to paste its API key</source>
        <translation>打开此服务商的设置以粘贴 API 密钥</translation>
    </message>
    <message>
        <source>Open provider settings</source>
        <translation>打开服务商设置</translation>
    </message>
    <message>
        <source>Check or replace the key and address</source>
        <translation>检查或更换密钥和地址</translation>
    </message>
</context>
<context>
    <name>WindowNotices</name>
    <message>
        <source>Input images</source>
        <translation>输入图像</translation>
    </message>
    <message>
        <source>The settings could not be saved</source>
        <translation>无法保存设置</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>重试</translation>
    </message>
    <message>
        <source>Save the settings once more</source>
        <translation>再次保存设置</translation>
    </message>
    <message>
        <source>Some settings could not be read; the rest are in use</source>
        <translation>部分设置无法读取；其余设置照常使用</translation>
    </message>
    <message>
        <source>Open settings</source>
        <translation>打开设置</translation>
    </message>
    <message>
        <source>Check the settings and save them again</source>
        <translation>检查设置并重新保存</translation>
    </message>
</context>
<context>
    <name>cli</name>
    <message>
        <source>the values are larger than {mb} MB</source>
        <translation>取值表大于 {mb} MB</translation>
    </message>
    <message>
        <source>{model} on {provider}</source>
        <translation>{provider} 上的 {model}</translation>
    </message>
    <message>
        <source>refused</source>
        <translation>已拒绝</translation>
    </message>
    <message>
        <source>refused (nothing sent): {target}: {reason}</source>
        <translation>已拒绝（未发送）：{target}：{reason}</translation>
    </message>
    <message>
        <source>continue it with: {command}</source>
        <translation>继续运行：{command}</translation>
    </message>
    <message>
        <source>send the rest with: {command}</source>
        <translation>发送其余目标：{command}</translation>
    </message>
    <message>
        <source>batch {id}: {done} of {total} succeeded ({status}), {spent}</source>
        <translation>批量任务 {id}：{total} 个中成功 {done} 个（{status}），{spent}</translation>
    </message>
    <message>
        <source>comparison {id}: {done} of {total} succeeded ({status}), {spent}</source>
        <translation>对比 {id}：{total} 个中成功 {done} 个（{status}），{spent}</translation>
    </message>
    <message>
        <source>nothing spent</source>
        <translation>未产生花费</translation>
    </message>
    <message>
        <source>{amount} simulated (the sandbox charges nothing)</source>
        <translation>模拟 {amount}（沙盒不收费）</translation>
    </message>
    <message>
        <source>spent about {amount}</source>
        <translation>约花费 {amount}</translation>
    </message>
    <message>
        <source>error: {reason} (nothing was sent)</source>
        <translation>错误：{reason}（未发送任何内容）</translation>
    </message>
    <message>
        <source>line {line}: {reason}</source>
        <translation>第 {line} 行：{reason}</translation>
    </message>
    <message>
        <source>... and {n} more</source>
        <translation>……还有 {n} 条</translation>
    </message>
    <message>
        <source>--max-cost is counted in one currency, but these targets are priced in {currencies}: run them without --max-cost, or compare the targets of each currency in a run of its own (nothing was sent)</source>
        <translation>--max-cost 只按一种货币计算，但这些目标分别以 {currencies} 计价：请去掉 --max-cost 运行，或把每种货币的目标分开各运行一次对比（未发送任何内容）</translation>
    </message>
    <message>
        <source> and </source>
        <translation> 和 </translation>
    </message>
    <message>
        <source>stopping: the members being sent finish and are kept, the rest waits for --resume (Ctrl+C again cancels those being sent)</source>
        <translation>正在停止：正在发送的成员会完成并保留，其余的等待 --resume 继续（再按一次 Ctrl+C 将取消正在发送的成员）</translation>
    </message>
    <message>
        <source>batch --resume takes no --image or --mask: it has its own</source>
        <translation>batch --resume 不接受 --image 或 --mask：批量任务已有自己的输入</translation>
    </message>
    <message>
        <source>batch needs a TEMPLATE, --values FILE and --model (or --resume ID)</source>
        <translation>batch 需要 TEMPLATE、--values FILE 和 --model（或 --resume ID）</translation>
    </message>
    <message>
        <source>--mask needs the --image it applies to</source>
        <translation>--mask 需要它所对应的 --image</translation>
    </message>
    <message>
        <source>--target {spec} names no model</source>
        <translation>--target {spec} 没有指定模型</translation>
    </message>
    <message>
        <source>there is no batch {id} in the history</source>
        <translation>历史记录中没有批量任务 {id}</translation>
    </message>
    <message>
        <source>there is no comparison {id} in the history</source>
        <translation>历史记录中没有对比 {id}</translation>
    </message>
    <message>
        <source>{id} is a batch: {command} continues it</source>
        <translation>{id} 是批量任务：用 {command} 继续</translation>
    </message>
    <message>
        <source>{id} is a comparison: {command} continues it</source>
        <translation>{id} 是对比：用 {command} 继续</translation>
    </message>
    <message>
        <source>compare --resume takes no PROMPT, --target, --image or --mask: it has its own</source>
        <translation>compare --resume 不接受 PROMPT、--target、--image 或 --mask：对比已有自己的设置</translation>
    </message>
    <message>
        <source>a PROMPT is required (or --resume ID)</source>
        <translation>需要提供 PROMPT（或 --resume ID）</translation>
    </message>
    <message>
        <source>compare needs two or more --target</source>
        <translation>compare 需要两个或更多 --target</translation>
    </message>
    <message>
        <source>{text} is not an amount</source>
        <translation>{text} 不是有效金额</translation>
    </message>
    <message>
        <source>must be a positive amount</source>
        <translation>必须是正数金额</translation>
    </message>
    <message>
        <source>image parameters (the same for every member)</source>
        <translation>图像参数（每个成员相同）</translation>
    </message>
    <message>
        <source>WxH, e.g. 1024x1024 (or auto)</source>
        <translation>宽x高，例如 1024x1024（或 auto）</translation>
    </message>
    <message>
        <source>auto, low, medium, high, ...</source>
        <translation>auto、low、medium、high……</translation>
    </message>
    <message>
        <source>another field of the request (JSON value or string)</source>
        <translation>请求中的其他字段（JSON 值或字符串）</translation>
    </message>
    <message>
        <source>requests at once per provider (default 2)</source>
        <translation>每个服务商同时发送的请求数（默认 2）</translation>
    </message>
    <message>
        <source>stop before a member whose estimate would pass this (in the model&apos;s currency)</source>
        <translation>当某成员的估价会超过此金额时，在它之前停止（按模型的货币计）</translation>
    </message>
    <message>
        <source>one JSON line per member, then a summary</source>
        <translation>每个成员输出一行 JSON，最后输出汇总</translation>
    </message>
    <message>
        <source>run a prompt template over a table of values</source>
        <translation>用一张取值表批量套用提示词模板</translation>
    </message>
    <message>
        <source>e.g. &quot;a {animal} in {style}&quot;</source>
        <translation>例如 &quot;a {animal} in {style}&quot;</translation>
    </message>
    <message>
        <source>CSV or TSV with a header row, or one value per line for one variable (&apos;-&apos;: stdin)</source>
        <translation>带表头行的 CSV 或 TSV，或单个变量时每行一个值（&apos;-&apos;：标准输入）</translation>
    </message>
    <message>
        <source>model id</source>
        <translation>模型 ID</translation>
    </message>
    <message>
        <source>every member edits this image (repeat for several)</source>
        <translation>每个成员都编辑这张图片（可重复指定多张）</translation>
    </message>
    <message>
        <source>continue an unfinished batch</source>
        <translation>继续未完成的批量任务</translation>
    </message>
    <message>
        <source>send one prompt to several models or providers</source>
        <translation>把同一个提示词发给多个模型或服务商</translation>
    </message>
    <message>
        <source>a model (on a provider: its id); give two or more</source>
        <translation>一个模型（指定服务商时写其 ID）；至少给出两个</translation>
    </message>
    <message>
        <source>compare edits: every target edits this image (repeat for several)</source>
        <translation>对比编辑：每个目标都编辑这张图片（可重复指定多张）</translation>
    </message>
    <message>
        <source>send the targets of an unfinished comparison that were never sent</source>
        <translation>发送未完成对比中尚未发送的目标</translation>
    </message>
    <message>
        <source>with --image: the mask every member uses</source>
        <translation>与 --image 一起使用：每个成员都使用的蒙版</translation>
    </message>
    <message>
        <source>active</source>
        <translation>可用</translation>
    </message>
    <message>
        <source>deprecated</source>
        <translation>即将停用</translation>
    </message>
    <message>
        <source>retired</source>
        <translation>已停用</translation>
    </message>
    <message>
        <source>why: {reason}</source>
        <translation>原因：{reason}</translation>
    </message>
    <message>
        <source>what to do: {advice}</source>
        <translation>怎么办：{advice}</translation>
    </message>
    <message>
        <source>there is no thread {id}</source>
        <translation>没有对话 {id}</translation>
    </message>
    <message>
        <source>no jobs match {search}</source>
        <translation>没有与 {search} 匹配的任务</translation>
    </message>
    <message>
        <source>no jobs yet</source>
        <translation>还没有任务</translation>
    </message>
    <message>
        <source>removed {provider}</source>
        <translation>已删除 {provider}</translation>
    </message>
    <message>
        <source>no keys were stored</source>
        <translation>没有保存任何密钥</translation>
    </message>
    <message>
        <source>no keys stored ({why})</source>
        <translation>没有保存任何密钥：{why}</translation>
    </message>
    <message>
        <source>No system keyring was found (on Linux: no Secret Service such as GNOME Keyring or KWallet on the D-Bus session). Keys can be kept for this session only, or given in IMAGE_STUDIO_API_KEY.</source>
        <translation>未找到系统钥匙串（Linux 上：D-Bus 会话中没有 GNOME Keyring 或 KWallet 等 Secret Service）。密钥可以只保存在本次会话中，或通过 IMAGE_STUDIO_API_KEY 提供。</translation>
    </message>
    <message>
        <source>Keys are stored in {keyring}.</source>
        <translation>密钥保存在 {keyring} 中。</translation>
    </message>
    <message>
        <source>edit in a conversation: one instruction per turn (Responses image tool)</source>
        <translation>在对话中编辑：每轮一条指令（Responses 图像工具）</translation>
    </message>
    <message>
        <source>image model, e.g. gpt-image-2.6-sunburst</source>
        <translation>图像模型，例如 gpt-image-2.6-sunburst</translation>
    </message>
    <message>
        <source>the text model that drives the tool (default: the provider&apos;s)</source>
        <translation>驱动该工具的文本模型（默认：服务商的默认模型）</translation>
    </message>
    <message>
        <source>continue this thread (its id)</source>
        <translation>继续这个对话（对话 ID）</translation>
    </message>
    <message>
        <source>continue from this earlier turn (makes a branch)</source>
        <translation>从之前的这一轮继续（生成一个分支）</translation>
    </message>
    <message>
        <source>an input image (repeatable)</source>
        <translation>一张输入图片（可重复指定）</translation>
    </message>
    <message>
        <source>PNG mask for the image being edited</source>
        <translation>所编辑图片的 PNG 蒙版</translation>
    </message>
    <message>
        <source>image tool parameters (only those the model&apos;s table allows)</source>
        <translation>图像工具参数（仅限模型参数表允许的）</translation>
    </message>
    <message>
        <source>WxH or auto</source>
        <translation>宽x高，或 auto</translation>
    </message>
    <message>
        <source>auto, low, medium, high; xhigh and max on 2.5 and 2.6</source>
        <translation>auto、low、medium、high；2.5 和 2.6 还可用 xhigh 和 max</translation>
    </message>
    <message>
        <source>low, medium or high (2.6 only)</source>
        <translation>low、medium 或 high（仅 2.6）</translation>
    </message>
    <message>
        <source>transparent, opaque or auto</source>
        <translation>transparent、opaque 或 auto</translation>
    </message>
    <message>
        <source>png, jpeg or webp</source>
        <translation>png、jpeg 或 webp</translation>
    </message>
    <message>
        <source>0-100, jpeg/webp only</source>
        <translation>0-100，仅限 jpeg/webp</translation>
    </message>
    <message>
        <source>low or auto</source>
        <translation>low 或 auto</translation>
    </message>
    <message>
        <source>stream partial images</source>
        <translation>流式接收中间图像</translation>
    </message>
    <message>
        <source>0-3, with --stream</source>
        <translation>0-3，需配合 --stream</translation>
    </message>
    <message>
        <source>print exactly one JSON object</source>
        <translation>只输出一个 JSON 对象</translation>
    </message>
    <message>
        <source>an INSTRUCTION is required</source>
        <translation>需要提供 INSTRUCTION</translation>
    </message>
    <message>
        <source>--from-turn needs --thread</source>
        <translation>--from-turn 需要配合 --thread</translation>
    </message>
    <message>
        <source>turn {turn} of thread {thread} failed</source>
        <translation>对话 {thread} 的第 {turn} 轮失败</translation>
    </message>
    <message>
        <source>; its last partial image: {path}</source>
        <translation>；最后一张中间图像：{path}</translation>
    </message>
    <message>
        <source>. To retry (it may be billed again): {command}</source>
        <translation>。重试（可能再次计费）：{command}</translation>
    </message>
    <message>
        <source>thread {thread}, turn {turn}:</source>
        <translation>对话 {thread}，第 {turn} 轮：</translation>
    </message>
    <message>
        <source>revised prompt: {prompt}</source>
        <translation>改写后的提示词：{prompt}</translation>
    </message>
    <message>
        <source>thread {thread}: {n} turn</source>
        <translation>对话 {thread}：{n} 轮</translation>
    </message>
    <message>
        <source>thread {thread}: {n} turns</source>
        <translation>对话 {thread}：{n} 轮</translation>
    </message>
    <message>
        <source>turn {id}</source>
        <translation>第 {id} 轮</translation>
    </message>
    <message>
        <source>--param expects KEY=VALUE, got {item}</source>
        <translation>--param 需要 KEY=VALUE 形式，收到的是 {item}</translation>
    </message>
    <message>
        <source>unknown provider {wanted}; known: {known}</source>
        <translation>未知的服务商 {wanted}；已知的有：{known}</translation>
    </message>
    <message>
        <source>{provider} has no address yet: pass --base-url https://HOST/v1 or set it in the app&apos;s settings</source>
        <translation>{provider} 还没有地址：请传入 --base-url https://HOST/v1，或在程序的设置中填写</translation>
    </message>
    <message>
        <source>warning: {provider} is reached over plain HTTP ({url}): the key and the images cross the network unencrypted</source>
        <translation>警告：{provider} 通过未加密的 HTTP 访问（{url}）：密钥和图片会以明文在网络上传输</translation>
    </message>
    <message>
        <source>edit needs at least one --image, --image-url or --image-file-id</source>
        <translation>edit 至少需要一个 --image、--image-url 或 --image-file-id</translation>
    </message>
    <message>
        <source>--out ({folder} in its path)</source>
        <translation>--out（其路径中的 {folder}）</translation>
    </message>
    <message>
        <source>{what} is a file, not a folder; name a folder to save into</source>
        <translation>{what} 是一个文件，不是文件夹；请指定要保存到的文件夹</translation>
    </message>
    <message>
        <source>a PROMPT is required</source>
        <translation>需要提供 PROMPT</translation>
    </message>
    <message>
        <source>{n} image from {provider} / {model}:</source>
        <translation>来自 {provider} / {model} 的 {n} 张图片：</translation>
    </message>
    <message>
        <source>{n} images from {provider} / {model}:</source>
        <translation>来自 {provider} / {model} 的 {n} 张图片：</translation>
    </message>
    <message>
        <source>(one request failed: {reason})</source>
        <translation>（有一个请求失败：{reason}）</translation>
    </message>
    <message>
        <source>history id {id}</source>
        <translation>历史记录 ID {id}</translation>
    </message>
    <message>
        <source>cost: {amount}</source>
        <translation>费用：{amount}</translation>
    </message>
    <message>
        <source>estimated cost: {amount}</source>
        <translation>估计费用：{amount}</translation>
    </message>
    <message>
        <source> (simulated: the sandbox charges nothing)</source>
        <translation>（模拟：沙盒不收费）</translation>
    </message>
    <message>
        <source>read from</source>
        <translation>读取自</translation>
    </message>
    <message>
        <source>prompt</source>
        <translation>提示词</translation>
    </message>
    <message>
        <source>negative prompt</source>
        <translation>反向提示词</translation>
    </message>
    <message>
        <source>model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>size</source>
        <translation>尺寸</translation>
    </message>
    <message>
        <source>quality</source>
        <translation>质量</translation>
    </message>
    <message>
        <source>seed</source>
        <translation>种子</translation>
    </message>
    <message>
        <source>provider</source>
        <translation>服务商</translation>
    </message>
    <message>
        <source>mode</source>
        <translation>模式</translation>
    </message>
    <message>
        <source>what an image&apos;s metadata says: the settings that made it, content credentials</source>
        <translation>查看图片元数据：生成它的设置、内容凭证</translation>
    </message>
    <message>
        <source>not a PNG, JPEG, WebP, GIF or SVG image.</source>
        <translation>不是 PNG、JPEG、WebP、GIF 或 SVG 图片。</translation>
    </message>
    <message>
        <source>no parameters the studio reads</source>
        <translation>没有本程序可读取的参数</translation>
    </message>
    <message>
        <source>other parameters: {params}</source>
        <translation>其他参数：{params}</translation>
    </message>
    <message>
        <source>metadata found: {kinds}</source>
        <translation>找到的元数据：{kinds}</translation>
    </message>
    <message>
        <source>content credentials (C2PA): present (not verified)</source>
        <translation>内容凭证（C2PA）：有（未验证）</translation>
    </message>
    <message>
        <source>content credentials (C2PA): none</source>
        <translation>内容凭证（C2PA）：无</translation>
    </message>
    <message>
        <source>note: {text}</source>
        <translation>注意：{text}</translation>
    </message>
    <message>
        <source>({n} job)</source>
        <translation>（{n} 个任务）</translation>
    </message>
    <message>
        <source>({n} jobs)</source>
        <translation>（{n} 个任务）</translation>
    </message>
    <message>
        <source>({n} job, simulated: the sandbox charges nothing)</source>
        <translation>（{n} 个任务，模拟：沙盒不收费）</translation>
    </message>
    <message>
        <source>({n} jobs, simulated: the sandbox charges nothing)</source>
        <translation>（{n} 个任务，模拟：沙盒不收费）</translation>
    </message>
    <message>
        <source>no spend recorded yet</source>
        <translation>还没有花费记录</translation>
    </message>
    <message>
        <source>the {what} is not valid UTF-8 text (the shell passed bytes in another encoding, e.g. Latin-1 or GBK); pass it as UTF-8</source>
        <translation>{what}不是有效的 UTF-8 文本（终端以其他编码传入了字节，例如 Latin-1 或 GBK）；请以 UTF-8 传入</translation>
    </message>
    <message>
        <source>The disk holding the studio&apos;s files is full ({exc}). Free some space and try again; replies not yet stored are kept in the journal until then.</source>
        <translation>存放工作室文件的磁盘已满（{exc}）。请腾出一些空间后重试；尚未保存的回复会一直保留在日志中。</translation>
    </message>
    <message>
        <source>The studio&apos;s files could not be used ({exc}). Another studio may be opening the same home; try again, or check the folder&apos;s space and permissions.</source>
        <translation>无法使用本程序的文件（{exc}）。可能有另一个 Image Studio 正在打开同一个主目录；请重试，或检查该文件夹的空间和权限。</translation>
    </message>
    <message>
        <source>request id {id}</source>
        <translation>请求 ID {id}</translation>
    </message>
    <message>
        <source>The provider asks to try again in {wait} s.</source>
        <translation>服务商要求在 {wait} 秒后重试。</translation>
    </message>
    <message>
        <source>{model} shut down on {date}: use --model {replacement}.</source>
        <translation>{model} 已于 {date} 停用：请使用 --model {replacement}。</translation>
    </message>
    <message>
        <source>What to do: {advice}</source>
        <translation>怎么办：{advice}</translation>
    </message>
    <message>
        <source>check or replace the provider&apos;s key (Settings → Providers in the window, or IMAGE_STUDIO_API_KEY).</source>
        <translation>检查或更换服务商的密钥（窗口中的“设置 → 服务商”，或 IMAGE_STUDIO_API_KEY）。</translation>
    </message>
    <message>
        <source>the account may be out of credit, or the key may not be allowed to use this model: top up or check the account, or choose another --model or --provider.</source>
        <translation>账户可能余额不足，或此密钥无权使用该模型：请充值或检查账户，或换用其他 --model 或 --provider。</translation>
    </message>
    <message>
        <source>wait a little, then run the command again.</source>
        <translation>稍等片刻，然后再次运行该命令。</translation>
    </message>
    <message>
        <source>rephrase the prompt, or try --moderation low where the model takes it.</source>
        <translation>换一种说法描述提示词；若模型支持，也可试试 --moderation low。</translation>
    </message>
    <message>
        <source>choose another --model; `image-studio models` lists what the provider offers.</source>
        <translation>换用其他 --model；`image-studio models` 会列出服务商提供的模型。</translation>
    </message>
    <message>
        <source>run it again; proxies may cut long generations: try --stream, or raise the timeout in the settings.</source>
        <translation>再运行一次；代理可能会切断耗时较长的生成：试试 --stream，或在设置中调高超时时间。</translation>
    </message>
    <message>
        <source>check the connection and the provider&apos;s address (--base-url), then run it again.</source>
        <translation>检查网络连接和服务商地址（--base-url），然后再运行一次。</translation>
    </message>
    <message>
        <source>run it again later; --stream helps when a proxy cuts long requests.</source>
        <translation>稍后再运行一次；如果代理会切断较长的请求，--stream 会有帮助。</translation>
    </message>
    <message>
        <source>run it again; if it keeps failing, give the provider the request id above.</source>
        <translation>再运行一次；如果一直失败，请把上面的请求 ID 提供给服务商。</translation>
    </message>
    <message>
        <source>show the version and exit</source>
        <translation>显示版本号并退出</translation>
    </message>
    <message>
        <source>model id, e.g. gpt-image-2.6-sunburst (see: image-studio models)</source>
        <translation>模型 ID，例如 gpt-image-2.6-sunburst（参见：image-studio models）</translation>
    </message>
    <message>
        <source>image parameters (only those the model&apos;s table allows)</source>
        <translation>图像参数（仅限模型参数表允许的）</translation>
    </message>
    <message>
        <source>low, medium or high: planning effort (2.6 only)</source>
        <translation>low、medium 或 high：规划力度（仅 2.6）</translation>
    </message>
    <message>
        <source>a stable (hashed) id of your end user</source>
        <translation>你的最终用户的固定（哈希后的）ID</translation>
    </message>
    <message>
        <source>number of images (split into requests as needed)</source>
        <translation>图片数量（按需拆分为多个请求）</translation>
    </message>
    <message>
        <source>png, jpeg or webp; gif or svg where the model makes them</source>
        <translation>png、jpeg 或 webp；模型支持时也可用 gif 或 svg</translation>
    </message>
    <message>
        <source>the text model that writes an SVG</source>
        <translation>编写 SVG 的文本模型</translation>
    </message>
    <message>
        <source>how hard the SVG author reasons (none, minimal, low ... max)</source>
        <translation>SVG 作者的推理力度（none、minimal、low …… max）</translation>
    </message>
    <message>
        <source>vivid or natural (dall-e-3)</source>
        <translation>vivid 或 natural（dall-e-3）</translation>
    </message>
    <message>
        <source>how the provider returns the image (the studio stores it either way)</source>
        <translation>服务商返回图片的方式（无论哪种，本程序都会保存图片）</translation>
    </message>
    <message>
        <source>a fixed seed, where the model takes one</source>
        <translation>固定种子（模型支持时）</translation>
    </message>
    <message>
        <source>e.g. &quot;16:9&quot; (relay models)</source>
        <translation>例如 &quot;16:9&quot;（中转站模型）</translation>
    </message>
    <message>
        <source>GIF frames, 2-16 (output format gif)</source>
        <translation>GIF 帧数，2-16（输出格式为 gif）</translation>
    </message>
    <message>
        <source>GIF frame time, at least 20 ms</source>
        <translation>GIF 每帧时长，至少 20 毫秒</translation>
    </message>
    <message>
        <source>a provider-specific field (JSON value or string), where the table allows it</source>
        <translation>服务商特有的字段（JSON 值或字符串），需参数表允许</translation>
    </message>
    <message>
        <source>provider id (sandbox, dmxapi, chunqi, tuzi, openai, ...)</source>
        <translation>服务商 ID（sandbox、dmxapi、chunqi、tuzi、openai 等）</translation>
    </message>
    <message>
        <source>API root including /v1</source>
        <translation>API 根地址，包含 /v1</translation>
    </message>
    <message>
        <source>how the key is sent</source>
        <translation>密钥的发送方式</translation>
    </message>
    <message>
        <source>also save the images into this folder, named by the file name pattern (settings: file_pattern) with their parameters embedded</source>
        <translation>同时把图片保存到此文件夹，按文件名模式（设置：file_pattern）命名，并嵌入生成参数</translation>
    </message>
    <message>
        <source>with --out: write the provider&apos;s bytes unchanged</source>
        <translation>与 --out 一起使用：原样写入服务商返回的字节</translation>
    </message>
    <message>
        <source>make images from a prompt</source>
        <translation>根据提示词生成图片</translation>
    </message>
    <message>
        <source>what to make (in quotes)</source>
        <translation>要生成的内容（用引号括起）</translation>
    </message>
    <message>
        <source>edit images (with an optional mask)</source>
        <translation>编辑图片（可附带蒙版）</translation>
    </message>
    <message>
        <source>what to change (in quotes)</source>
        <translation>要修改的内容（用引号括起）</translation>
    </message>
    <message>
        <source>input image (a file)</source>
        <translation>输入图片（文件）</translation>
    </message>
    <message>
        <source>input image the provider fetches from an http(s) address (sends a JSON edit)</source>
        <translation>由服务商从 http(s) 地址获取的输入图片（以 JSON 方式发送编辑）</translation>
    </message>
    <message>
        <source>input image uploaded to the provider before, by its file id (sends a JSON edit)</source>
        <translation>之前已上传到服务商的输入图片，按文件 ID 指定（以 JSON 方式发送编辑）</translation>
    </message>
    <message>
        <source>PNG whose transparent pixels are edited</source>
        <translation>PNG 蒙版，其中透明的像素会被编辑</translation>
    </message>
    <message>
        <source>the mask at an http(s) address</source>
        <translation>位于 http(s) 地址的蒙版</translation>
    </message>
    <message>
        <source>the mask by its file id</source>
        <translation>按文件 ID 指定的蒙版</translation>
    </message>
    <message>
        <source>PNG of the first image&apos;s size drawn over it (arrows, notes; transparent elsewhere) to show where and how to edit; never with a mask (gpt-image-2.5, 2.6)</source>
        <translation>与第一张图片同尺寸的 PNG，画在图片上方（箭头、注释；其余部分透明），用来指明在哪里、如何编辑；不能与蒙版同时使用（gpt-image-2.5、2.6）</translation>
    </message>
    <message>
        <source>high or low</source>
        <translation>high 或 low</translation>
    </message>
    <message>
        <source>variations of an image (dall-e-2)</source>
        <translation>为一张图像制作变体（dall-e-2）</translation>
    </message>
    <message>
        <source>DMXAPI paiwo-picture upload for image-to-video</source>
        <translation>DMXAPI paiwo-picture 上传，用于图生视频</translation>
    </message>
    <message>
        <source>list the models a provider offers (GET /models)</source>
        <translation>列出服务商提供的模型（GET /models）</translation>
    </message>
    <message>
        <source>list the providers with a key in the keyring</source>
        <translation>列出在系统钥匙串中保存了密钥的服务商</translation>
    </message>
    <message>
        <source>delete every key Image Studio stored</source>
        <translation>删除 Image Studio 保存的所有密钥</translation>
    </message>
    <message>
        <source>money spent per provider and day or month</source>
        <translation>按服务商和日或月统计的花费</translation>
    </message>
    <message>
        <source>only the last N days</source>
        <translation>仅最近 N 天</translation>
    </message>
    <message>
        <source>list recent jobs</source>
        <translation>列出最近的任务</translation>
    </message>
    <message>
        <source>full-text search over prompts</source>
        <translation>在提示词中全文搜索</translation>
    </message>
    <message>
        <source>only jobs with an image of this format</source>
        <translation>仅包含此格式图片的任务</translation>
    </message>
    <message>
        <source>print this conversation thread as a tree</source>
        <translation>以树形输出这个对话</translation>
    </message>
    <message>
        <source>1 to {limit}</source>
        <translation>1 到 {limit}</translation>
    </message>
    <message>
        <source>first steps (the built-in offline sandbox needs no key):
  image-studio models                          the models the provider offers
  image-studio generate &quot;a red fox&quot; --model gpt-image-2.6-sunburst --out .
  image-studio COMMAND --help                  a command&apos;s own options

exit codes: 0 success; 2 bad usage or validation (nothing was sent); 3 the provider
answered with an error; 4 network, timeout or protocol failure; 5 the studio&apos;s own
files could not be used; 130 interrupted (Ctrl+C)</source>
        <translation>第一步（内置的离线沙盒无需密钥）：
  image-studio models                          服务商提供的模型
  image-studio generate &quot;a red fox&quot; --model gpt-image-2.6-sunburst --out .
  image-studio COMMAND --help                  某个命令自己的选项

退出码：0 成功；2 用法错误或校验未通过（未发送任何内容）；3 服务商返回了错误；
4 网络、超时或协议故障；5 无法使用本程序自己的文件；130 已中断（Ctrl+C）</translation>
    </message>
    <message>
        <source>Image Studio: make and edit images through OpenAI-compatible APIs.
Run with no arguments to open the window.</source>
        <translation>Image Studio：通过兼容 OpenAI 的 API 生成和编辑图片。
不带参数运行即可打开窗口。</translation>
    </message>
    <message>
        <source>folder for settings, history and images ($IMAGE_STUDIO_HOME)</source>
        <translation>存放设置、历史记录和图片的文件夹（$IMAGE_STUDIO_HOME）</translation>
    </message>
    <message>
        <source>{text} is not a whole number</source>
        <translation>{text} 不是整数</translation>
    </message>
    <message>
        <source>must be {low} or more</source>
        <translation>必须大于或等于 {low}</translation>
    </message>
    <message>
        <source>must be between {low} and {high}</source>
        <translation>必须在 {low} 到 {high} 之间</translation>
    </message>
    <message>
        <source>the prompt library: list, add, export, import</source>
        <translation>提示词库：列出、添加、导出、导入</translation>
    </message>
    <message>
        <source>saved prompts, the most recently used first</source>
        <translation>已保存的提示词，最近使用的在前</translation>
    </message>
    <message>
        <source>words to find; #tag or tag:TAG</source>
        <translation>要查找的词；#标签 或 tag:标签</translation>
    </message>
    <message>
        <source>only prompts with this tag</source>
        <translation>仅带有此标签的提示词</translation>
    </message>
    <message>
        <source>the prompts used last instead</source>
        <translation>改为列出最近使用过的提示词</translation>
    </message>
    <message>
        <source>at most this many</source>
        <translation>最多列出这么多条</translation>
    </message>
    <message>
        <source>save a prompt to the library</source>
        <translation>把提示词保存到提示词库</translation>
    </message>
    <message>
        <source>the prompt, with {variables} (&apos;-&apos;: stdin)</source>
        <translation>提示词，可含 {variables}（&apos;-&apos;：标准输入）</translation>
    </message>
    <message>
        <source>a tag (repeat for more)</source>
        <translation>一个标签（可重复指定多个）</translation>
    </message>
    <message>
        <source>write the library (or what a search finds) as a JSON file</source>
        <translation>把提示词库（或搜索结果）写成 JSON 文件</translation>
    </message>
    <message>
        <source>the file to write (&apos;-&apos;: stdout)</source>
        <translation>要写入的文件（&apos;-&apos;：标准输出）</translation>
    </message>
    <message>
        <source>only prompts this search finds</source>
        <translation>仅此搜索找到的提示词</translation>
    </message>
    <message>
        <source>merge a JSON prompt library file into the library</source>
        <translation>把 JSON 提示词库文件合并到提示词库</translation>
    </message>
    <message>
        <source>a file written by &apos;prompts export&apos;</source>
        <translation>由 &apos;prompts export&apos; 写出的文件</translation>
    </message>
    <message>
        <source>the library is empty; save a prompt with: image-studio prompts add &quot;TEXT&quot;</source>
        <translation>提示词库是空的；可以这样保存提示词：image-studio prompts add &quot;TEXT&quot;</translation>
    </message>
    <message>
        <source>no prompt has been used yet</source>
        <translation>还没有使用过任何提示词</translation>
    </message>
    <message>
        <source>no saved prompt matches {search}</source>
        <translation>没有与 {search} 匹配的已保存提示词</translation>
    </message>
    <message>
        <source>saved as #{id}</source>
        <translation>已保存为 #{id}</translation>
    </message>
    <message>
        <source>warning: {file} is over {mb} MB, more than one import takes: export by --tag or --search to move the library in parts</source>
        <translation>警告：{file} 超过 {mb} MB，超出单次导入的上限：请按 --tag 或 --search 分批导出提示词库</translation>
    </message>
    <message>
        <source>{n} prompt written</source>
        <translation>已写入 {n} 条提示词</translation>
    </message>
    <message>
        <source>{n} prompts written</source>
        <translation>已写入 {n} 条提示词</translation>
    </message>
    <message>
        <source>{added} added, {merged} merged, {skipped} skipped</source>
        <translation>新增 {added} 条，合并 {merged} 条，跳过 {skipped} 条</translation>
    </message>
    <message>
        <source>({n} more)</source>
        <translation>（还有 {n} 条）</translation>
    </message>
    <message>
        <source>the prompt library could not be used ({reason})</source>
        <translation>无法使用提示词库（{reason}）</translation>
    </message>
    <message>
        <source>usage: </source>
        <translation>用法：</translation>
    </message>
    <message>
        <source>options</source>
        <translation>选项</translation>
    </message>
    <message>
        <source>positional arguments</source>
        <translation>位置参数</translation>
    </message>
    <message>
        <source>show this help message and exit</source>
        <translation>显示此帮助信息并退出</translation>
    </message>
    <message>
        <source>the following arguments are required: %s</source>
        <translation>缺少必需的参数：%s</translation>
    </message>
    <message>
        <source>unrecognized arguments: %s</source>
        <translation>无法识别的参数：%s</translation>
    </message>
    <message>
        <source>invalid choice: %(value)r (choose from %(choices)s)</source>
        <translation>无效的选择：%(value)r（可选：%(choices)s）</translation>
    </message>
    <message>
        <source>argument %(argument_name)s: %(message)s</source>
        <translation>参数 %(argument_name)s：%(message)s</translation>
    </message>
    <message>
        <source>expected one argument</source>
        <translation>需要一个值</translation>
    </message>
    <message>
        <source>expected at least one argument</source>
        <translation>至少需要一个值</translation>
    </message>
    <message>
        <source>invalid %(type)s value: %(value)r</source>
        <translation>无效的 %(type)s 值：%(value)r</translation>
    </message>
    <message>
        <source>not allowed with argument %s</source>
        <translation>不能与参数 %s 同时使用</translation>
    </message>
    <message>
        <source>one of the arguments %s is required</source>
        <translation>参数 %s 中必须提供一个</translation>
    </message>
    <message>
        <source>ambiguous option: %(option)s could match %(matches)s</source>
        <translation>有歧义的选项：%(option)s 可能是 %(matches)s</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
    <message>
        <source>running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <source>succeeded</source>
        <translation>成功</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>interrupted</source>
        <translation>已中断</translation>
    </message>
    <message>
        <source>queued</source>
        <translation>排队中</translation>
    </message>
    <message>
        <source>sending</source>
        <translation>发送中</translation>
    </message>
    <message>
        <source>skipped</source>
        <translation>已跳过</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>finished</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>capped</source>
        <translation>已达花费上限</translation>
    </message>
    <message>
        <source>error: {reason}</source>
        <translation>错误：{reason}</translation>
    </message>
    <message>
        <source>warning: {text}</source>
        <translation>警告：{text}</translation>
    </message>
    <message>
        <source>notice: {text}</source>
        <translation>提示：{text}</translation>
    </message>
</context>
<context>
    <name>core</name>
    <message>
        <source>generate</source>
        <translation>生成</translation>
    </message>
    <message>
        <source>edit</source>
        <translation>编辑</translation>
    </message>
    <message>
        <source>variations</source>
        <translation>变体</translation>
    </message>
    <message>
        <source>stream</source>
        <translation>流式</translation>
    </message>
    <message>
        <source>upload</source>
        <translation>上传</translation>
    </message>
    <message>
        <source>{a}, {b}</source>
        <translation>{a}、{b}</translation>
    </message>
    <message>
        <source>{count} bytes</source>
        <translation>{count} 字节</translation>
    </message>
    <message>
        <source>just over {size}</source>
        <translation>略超过 {size}</translation>
    </message>
    <message>
        <source>{name} must be true or false, not {value}.</source>
        <translation>{name} 必须是 true 或 false，而不是 {value}。</translation>
    </message>
    <message>
        <source>{value} is not a {name} {model} accepts: {hint}.</source>
        <translation>{value} 不是 {model} 接受的 {name}：{hint}。</translation>
    </message>
    <message>
        <source>the mask</source>
        <translation>该蒙版</translation>
    </message>
    <message>
        <source>both sides must be multiples of {n}</source>
        <translation>两边都必须是 {n} 的倍数</translation>
    </message>
    <message>
        <source>each side must be at least {n}</source>
        <translation>每边至少为 {n}</translation>
    </message>
    <message>
        <source>the longest side must be at most {n}</source>
        <translation>最长边不能超过 {n}</translation>
    </message>
    <message>
        <source>the image must have {low:,} to {high:,} pixels</source>
        <translation>图像像素数必须在 {low:,} 到 {high:,} 之间</translation>
    </message>
    <message>
        <source>the aspect ratio must be at most {n:g}:1</source>
        <translation>宽高比不能超过 {n:g}:1</translation>
    </message>
    <message>
        <source>{name} must be a whole number, not {value}.</source>
        <translation>{name} 必须是整数，而不是 {value}。</translation>
    </message>
    <message>
        <source>{name} must be at least {limit} (got {value}).</source>
        <translation>{name} 至少为 {limit}（当前为 {value}）。</translation>
    </message>
    <message>
        <source>{name} must be at most {limit} (got {value}).</source>
        <translation>{name} 不能超过 {limit}（当前为 {value}）。</translation>
    </message>
    <message>
        <source>{name} must be text like 1024x1024, not {value}.</source>
        <translation>{name} 必须是形如 1024x1024 的文本，而不是 {value}。</translation>
    </message>
    <message>
        <source>{name} must be text, not {value}.</source>
        <translation>{name} 必须是文本，而不是 {value}。</translation>
    </message>
    <message>
        <source>{value} is not a valid {name} for {model}.</source>
        <translation>{value} 不是 {model} 的有效 {name}。</translation>
    </message>
    <message>
        <source>the image</source>
        <translation>该图像</translation>
    </message>
    <message>
        <source>{name} is a {format} image; {model} accepts {allowed}.</source>
        <translation>{name} 是 {format} 图像；{model} 只接受 {allowed}。</translation>
    </message>
    <message>
        <source>{name} is {size}; {model} accepts images up to {limit}.</source>
        <translation>{name} 大小为 {size}；{model} 接受的图像最大为 {limit}。</translation>
    </message>
    <message>
        <source>{name} is {size}; {model} needs a square image.</source>
        <translation>{name} 尺寸为 {size}；{model} 需要正方形图像。</translation>
    </message>
    <message>
        <source>{name} is {size}; {model} accepts at most {side} pixels a side.</source>
        <translation>{name} 尺寸为 {size}；{model} 每边最多接受 {side} 像素。</translation>
    </message>
    <message>
        <source>{name} is a CMYK {format}; image APIs need RGB. Convert it to RGB.</source>
        <translation>{name} 是 CMYK {format}；图像 API 需要 RGB，请先转换为 RGB。</translation>
    </message>
    <message>
        <source>{name} is an animated {format} ({frames} frames); only still images are accepted.</source>
        <translation>{name} 是动画 {format}（{frames} 帧）；只接受静态图像。</translation>
    </message>
    <message>
        <source>{name} is a 16-bit PNG; the provider reduces it to 8 bits.</source>
        <translation>{name} 是 16 位 PNG；服务商会将其降为 8 位。</translation>
    </message>
    <message>
        <source>{model} does not take a mask.</source>
        <translation>{model} 不接受蒙版。</translation>
    </message>
    <message>
        <source>A mask is only used for edits, not {mode}.</source>
        <translation>蒙版只用于编辑，不用于{mode}。</translation>
    </message>
    <message>
        <source>{url} is not an http or https address.</source>
        <translation>{url} 不是 http 或 https 地址。</translation>
    </message>
    <message>
        <source>{file_id} is not a file id (like file-abc123).</source>
        <translation>{file_id} 不是文件 ID（应形如 file-abc123）。</translation>
    </message>
    <message>
        <source>{name} is {size}; when an input is a URL or a file id the edit is sent as JSON, where each local image must be at most {limit}.</source>
        <translation>{name} 大小为 {size}；当有输入是 URL 或文件 ID 时，编辑以 JSON 发送，其中每张本地图像最大为 {limit}。</translation>
    </message>
    <message>
        <source>{provider} does not take edits that reference images by URL or file id; add the images as local files instead.</source>
        <translation>{provider} 不接受以 URL 或文件 ID 引用图像的编辑；请改为添加本地文件。</translation>
    </message>
    <message>
        <source>{model} does not take markup; choose a model that does (such as gpt-image-2.5 or 2.6) or paint a mask instead.</source>
        <translation>{model} 不接受标注；请选择接受标注的模型（例如 gpt-image-2.5 或 2.6），或改为绘制蒙版。</translation>
    </message>
    <message>
        <source>Markup is only used for edits, not {mode}.</source>
        <translation>标注只用于编辑，不用于{mode}。</translation>
    </message>
    <message>
        <source>Send either a mask or markup, not both: the provider refuses the two together.</source>
        <translation>蒙版和标注只能发送其一：服务商会拒绝同时带有两者的请求。</translation>
    </message>
    <message>
        <source>Markup is sent only with local input files; an edit with an input by URL or file id cannot carry it.</source>
        <translation>标注只能与本地输入文件一起发送；通过 URL 或文件 ID 引用输入的编辑无法携带标注。</translation>
    </message>
    <message>
        <source>{name} cannot be used as markup: {reason}.</source>
        <translation>{name} 不能用作标注：{reason}。</translation>
    </message>
    <message>
        <source>{name} is a {format}; markup must be a PNG.</source>
        <translation>{name} 是 {format} 图像；标注必须是 PNG。</translation>
    </message>
    <message>
        <source>{name} is {size}; markup must be under {limit}.</source>
        <translation>{name} 大小为 {size}；标注必须小于 {limit}。</translation>
    </message>
    <message>
        <source>{name} is {size} but {image} is {image_size}; markup must be the same size as the (first) image.</source>
        <translation>{name} 为 {size}，但 {image} 为 {image_size}；标注必须与（第一张）图像尺寸相同。</translation>
    </message>
    <message>
        <source>{name} has no transparent pixels; markup must be transparent where there is nothing drawn.</source>
        <translation>{name} 没有透明像素；标注在未绘制的地方必须是透明的。</translation>
    </message>
    <message>
        <source>the markup</source>
        <translation>标注</translation>
    </message>
    <message>
        <source>{name} cannot be used as a mask: {reason}.</source>
        <translation>{name} 无法用作蒙版：{reason}。</translation>
    </message>
    <message>
        <source>{name} is a {format}; a mask must be a PNG.</source>
        <translation>{name} 是 {format}；蒙版必须是 PNG。</translation>
    </message>
    <message>
        <source>{name} is {size}; a mask must be under {limit}.</source>
        <translation>{name} 大小为 {size}；蒙版必须小于 {limit}。</translation>
    </message>
    <message>
        <source>{name} is {size} but {image} is {image_size}; the mask must be the same size as the (first) image.</source>
        <translation>{name} 尺寸为 {size}，而 {image} 为 {image_size}；蒙版必须与（第一张）图像尺寸相同。</translation>
    </message>
    <message>
        <source>{name} has no alpha channel, so it marks nothing to edit. Import it as a mask (black-and-white masks are converted to transparency).</source>
        <translation>{name} 没有 Alpha 通道，因此没有标出要编辑的区域。请将其作为蒙版导入（黑白蒙版会被转换为透明度）。</translation>
    </message>
    <message>
        <source>Add an input image: {model} needs one to {mode}.</source>
        <translation>请添加输入图像：{model} 需要一张图像才能{mode}。</translation>
    </message>
    <message>
        <source>{name} has no transparency and there is no mask: {model} edits the transparent area, so paint a mask or use an image with transparent pixels.</source>
        <translation>{name} 没有透明区域，也没有蒙版：{model} 编辑的是透明区域，请涂抹蒙版或使用带透明像素的图像。</translation>
    </message>
    <message>
        <source>nothing</source>
        <translation>无</translation>
    </message>
    <message>
        <source>{model} does not support {mode} (it offers: {offered}).</source>
        <translation>{model} 不支持{mode}（它提供：{offered}）。</translation>
    </message>
    <message>
        <source>Write a prompt: {model} needs one to {mode}.</source>
        <translation>请输入提示词：{model} 需要提示词才能{mode}。</translation>
    </message>
    <message>
        <source>The prompt is {length:,} characters; {model} accepts at most {limit:,}.</source>
        <translation>提示词有 {length:,} 个字符；{model} 最多接受 {limit:,} 个。</translation>
    </message>
    <message>
        <source>{model} was retired by OpenAI on {date}; only relays may still serve it.</source>
        <translation>{model} 已于 {date} 被 OpenAI 停用；只有中转站可能仍提供。</translation>
    </message>
    <message>
        <source>Variations take no prompt; it will not be sent.</source>
        <translation>变体不使用提示词；提示词不会被发送。</translation>
    </message>
    <message>
        <source>Input images and masks are only sent for edits.</source>
        <translation>输入图像和蒙版只在编辑时发送。</translation>
    </message>
    <message>
        <source>choose {choices}</source>
        <translation>可选 {choices}</translation>
    </message>
    <message>
        <source>use WIDTHxHEIGHT</source>
        <translation>请使用 宽x高（WIDTHxHEIGHT）格式</translation>
    </message>
    <message>
        <source>{hint} or WIDTHxHEIGHT like 1024x1024</source>
        <translation>{hint}，或形如 1024x1024 的 宽x高</translation>
    </message>
    <message>
        <source>{value} is not a valid {name} for {model} ({help}).</source>
        <translation>{value} 不是 {model} 的有效 {name}（{help}）。</translation>
    </message>
    <message>
        <source>{model} takes &apos;{name}&apos; only for {where}, not {mode}.</source>
        <translation>{model} 只在{where}时接受“{name}”，{mode}时不接受。</translation>
    </message>
    <message>
        <source>n must be between 1 and {most} for {model}.</source>
        <translation>{model} 的 n 必须在 1 到 {most} 之间。</translation>
    </message>
    <message>
        <source>{name} cannot be used: {reason}.</source>
        <translation>{name} 无法使用：{reason}。</translation>
    </message>
    <message>
        <source>{model} does not take the relay extra &apos;{name}&apos; (only models whose table lists it do; add it in your capabilities override if your relay takes it).</source>
        <translation>{model} 不接受中转站扩展参数“{name}”（只有能力表中列出它的模型才接受；如果你的中转站支持，请在能力覆盖文件中添加）。</translation>
    </message>
    <message>
        <source>{model} does not take &apos;{name}&apos;.</source>
        <translation>{model} 不接受“{name}”。</translation>
    </message>
    <message>
        <source>{name} must be an object with {fields}, not {value}.</source>
        <translation>{name} 必须是含有 {fields} 的对象，而不是 {value}。</translation>
    </message>
    <message>
        <source>Models that have shut down were replaced in your saved defaults ({moves}).</source>
        <translation>已停用的模型已在您保存的默认设置中被替换（{moves}）。</translation>
    </message>
    <message>
        <source>not set</source>
        <translation>未设置</translation>
    </message>
    <message>
        <source>{name} needs {other} = {wanted} (it is {now}).</source>
        <translation>{name} 需要 {other} = {wanted}（当前为 {now}）。</translation>
    </message>
    <message>
        <source>The mask marks nothing to edit (no transparent pixels).</source>
        <translation>蒙版没有标出要编辑的区域（没有透明像素）。</translation>
    </message>
    <message>
        <source>The mask has semi-transparent pixels; APIs read them unreliably.</source>
        <translation>蒙版含有半透明像素；API 对它们的处理不可靠。</translation>
    </message>
    <message>
        <source>The mask covers the whole image: all of it is redrawn.</source>
        <translation>蒙版覆盖了整张图像：整张图都会被重绘。</translation>
    </message>
    <message>
        <source>&apos;{model}&apos; is not in the capability tables. Add it to {path} to use it.</source>
        <translation>“{model}”不在能力表中。要使用它，请将其添加到 {path}。</translation>
    </message>
    <message>
        <source>No API key for {provider}. Add one in Settings → Providers, or set IMAGE_STUDIO_API_KEY for scripts.</source>
        <translation>{provider} 没有 API 密钥。请在“设置 → 服务商”中添加；脚本可设置 IMAGE_STUDIO_API_KEY。</translation>
    </message>
    <message>
        <source>{provider} does not take uploads.</source>
        <translation>{provider} 不支持上传。</translation>
    </message>
    <message>
        <source>{provider} speaks the &apos;{protocol}&apos; protocol, which this version does not know (it knows: {known}).</source>
        <translation>{provider} 使用“{protocol}”协议，本版本不认识它（已知协议：{known}）。</translation>
    </message>
    <message>
        <source>{a} or {b}</source>
        <translation>{a}或{b}</translation>
    </message>
    <message>
        <source>{a}; {b}</source>
        <translation>{a}；{b}</translation>
    </message>
    <message>
        <source>The file name pattern is empty.</source>
        <translation>文件名模式为空。</translation>
    </message>
    <message>
        <source>The file name pattern is longer than {limit} characters.</source>
        <translation>文件名模式超过 {limit} 个字符。</translation>
    </message>
    <message>
        <source>A file name pattern cannot contain a slash.</source>
        <translation>文件名模式不能包含斜杠。</translation>
    </message>
    <message>
        <source>{field} is not a field; the fields are: {fields}.</source>
        <translation>{field} 不是可用字段；可用字段为：{fields}。</translation>
    </message>
    <message>
        <source>A brace in the file name pattern is not closed.</source>
        <translation>文件名模式中有未闭合的花括号。</translation>
    </message>
    <message>
        <source>The {key} text is {size:,} bytes, over the {limit:,} read; it was skipped.</source>
        <translation>{key} 文本有 {size:,} 字节，超过可读取的 {limit:,} 字节；已跳过。</translation>
    </message>
    <message>
        <source>The {key} JSON is nested more than {limit} levels deep; it was skipped.</source>
        <translation>{key} JSON 嵌套超过 {limit} 层；已跳过。</translation>
    </message>
    <message>
        <source>The file could not be read: {reason}.</source>
        <translation>无法读取该文件：{reason}。</translation>
    </message>
    <message>
        <source>The file is cut short or broken; what came before that was read.</source>
        <translation>文件被截断或已损坏；已读取损坏处之前的内容。</translation>
    </message>
    <message>
        <source>The {key} text grows past {limit:,} bytes when decompressed; it was skipped.</source>
        <translation>{key} 文本解压后超过 {limit:,} 字节；已跳过。</translation>
    </message>
    <message>
        <source>The XMP declares a DTD, which the studio never reads.</source>
        <translation>XMP 声明了 DTD，本工作室从不读取 DTD。</translation>
    </message>
    <message>
        <source>The file holds more than {limit:,} bytes of compressed text; the rest was skipped.</source>
        <translation>文件中的压缩文本超过 {limit:,} 字节；其余部分已跳过。</translation>
    </message>
    <message>
        <source>The {key} text is not valid JSON; it was skipped.</source>
        <translation>{key} 文本不是有效的 JSON；已跳过。</translation>
    </message>
    <message>
        <source>The {key} text is not valid UTF-8; it was skipped.</source>
        <translation>{key} 文本不是有效的 UTF-8；已跳过。</translation>
    </message>
    <message>
        <source>The {key} text is not valid compressed data; it was skipped.</source>
        <translation>{key} 文本不是有效的压缩数据；已跳过。</translation>
    </message>
    <message>
        <source>The XMP is not well-formed XML; it was skipped.</source>
        <translation>XMP 不是格式正确的 XML；已跳过。</translation>
    </message>
    <message>
        <source>The studio reads metadata only from PNG, JPEG, WebP, GIF and SVG files.</source>
        <translation>本工作室只读取 PNG、JPEG、WebP、GIF 和 SVG 文件的元数据。</translation>
    </message>
    <message>
        <source>The GIF holds more blocks than are read; the rest was skipped.</source>
        <translation>该 GIF 包含的数据块超过读取上限；其余部分已跳过。</translation>
    </message>
    <message>
        <source>The drawing is {size:,} bytes; only the first {limit:,} were read.</source>
        <translation>该矢量图有 {size:,} 字节；只读取了前 {limit:,} 字节。</translation>
    </message>
    <message>
        <source>The drawing declares a DTD or entities, which the studio never reads; its metadata was skipped.</source>
        <translation>该矢量图声明了 DTD 或实体，本工作室从不读取这些内容；其元数据已跳过。</translation>
    </message>
    <message>
        <source>The drawing has more than {limit:,} elements or nests deeper than {depth} levels; the rest was skipped.</source>
        <translation>该矢量图的元素超过 {limit:,} 个，或嵌套深度超过 {depth} 层；其余部分已跳过。</translation>
    </message>
    <message>
        <source>the template has a lone &apos;{token}&apos; at character {at}: a variable is {example} (letters, digits, _); write {open} or {close} for a brace</source>
        <translation>模板第 {at} 个字符处有一个单独的“{token}”：变量写作 {example}（字母、数字、_）；花括号本身请写作 {open} 或 {close}</translation>
    </message>
    <message>
        <source>the template has no {{variables}} to fill</source>
        <translation>模板中没有要填写的变量（写作 {{variables}} 的形式）</translation>
    </message>
    <message>
        <source>cannot read {path}: {reason}</source>
        <translation>无法读取 {path}：{reason}</translation>
    </message>
    <message>
        <source>{path} is larger than {mb} MB</source>
        <translation>{path} 大于 {mb} MB</translation>
    </message>
    <message>
        <source>the values are larger than {mb} MB</source>
        <translation>取值表大于 {mb} MB</translation>
    </message>
    <message>
        <source>is {size:,} bytes long; at most {limit:,}</source>
        <translation>长 {size:,} 字节；最多 {limit:,}</translation>
    </message>
    <message>
        <source>is not valid UTF-8 (byte {at})</source>
        <translation>不是有效的 UTF-8（第 {at} 字节）</translation>
    </message>
    <message>
        <source>the values table is empty</source>
        <translation>取值表是空的</translation>
    </message>
    <message>
        <source>the values table&apos;s first line cannot be read</source>
        <translation>无法读取取值表的第一行</translation>
    </message>
    <message>
        <source>the table&apos;s header (line {line}) cannot be read as CSV ({reason})</source>
        <translation>表头（第 {line} 行）无法按 CSV 读取（{reason}）</translation>
    </message>
    <message>
        <source>the template uses {names}, which the table&apos;s header (line {line}: {header}) does not have</source>
        <translation>模板用到了 {names}，但表头（第 {line} 行：{header}）中没有</translation>
    </message>
    <message>
        <source>the table has more than {n:,} rows</source>
        <translation>表格超过 {n:,} 行</translation>
    </message>
    <message>
        <source>some rows of the values table are refused</source>
        <translation>取值表中有些行被拒绝</translation>
    </message>
    <message>
        <source>the values table has no rows</source>
        <translation>取值表没有数据行</translation>
    </message>
    <message>
        <source>is empty</source>
        <translation>是空行</translation>
    </message>
    <message>
        <source>cannot be read as CSV ({reason})</source>
        <translation>无法按 CSV 读取（{reason}）</translation>
    </message>
    <message>
        <source>{model} takes at most {limit} input image; you gave {count}.</source>
        <translation>{model} 最多接受 {limit} 张输入图像；你提供了 {count} 张。</translation>
    </message>
    <message>
        <source>{count} byte</source>
        <translation>{count} 字节</translation>
    </message>
    <message>
        <source>{model} takes at most {limit} input images; you gave {count}.</source>
        <translation>{model} 最多接受 {limit} 张输入图像；你提供了 {count} 张。</translation>
    </message>
    <message>
        <source>&apos;{model}&apos; is not in the capability tables: did you mean {near}? (A model of its own can be added to {path}.)</source>
        <translation>“{model}”不在能力表中：您是不是要用 {near}？（自己的模型可以添加到 {path}。）</translation>
    </message>
    <message>
        <source>has {count} value; the header has {width}</source>
        <translation>有 {count} 个值；表头有 {width} 列</translation>
    </message>
    <message>
        <source>has {count} values; the header has {width}</source>
        <translation>有 {count} 个值；表头有 {width} 列</translation>
    </message>
    <message>
        <source>has no value for {names}</source>
        <translation>缺少 {names} 的值</translation>
    </message>
    <message>
        <source>makes a prompt of {size:,} characters; the model accepts at most {limit:,}</source>
        <translation>生成的提示词有 {size:,} 个字符；模型最多接受 {limit:,} 个</translation>
    </message>
    <message>
        <source>some prompts are too long</source>
        <translation>有些提示词太长</translation>
    </message>
    <message>
        <source>{model} refuses some members</source>
        <translation>{model} 拒绝了部分成员</translation>
    </message>
    <message>
        <source>{message}</source>
        <translation>{message}</translation>
    </message>
    <message>
        <source>Moderation is &apos;low&apos; or &apos;auto&apos;, not &apos;{value}&apos;.</source>
        <translation>审核级别只能是“low”或“auto”，不能是“{value}”。</translation>
    </message>
    <message>
        <source>The Responses image tool makes one image per turn.</source>
        <translation>Responses 图像工具每轮只生成一张图片。</translation>
    </message>
    <message>
        <source>Turn {turn} is not part of this thread.</source>
        <translation>第 {turn} 轮不属于这个对话。</translation>
    </message>
    <message>
        <source>Thread {thread} has no finished turn to continue.</source>
        <translation>对话 {thread} 没有可以继续的已完成轮次。</translation>
    </message>
    <message>
        <source>Turn {turn} has no image to continue from.</source>
        <translation>第 {turn} 轮没有可继续编辑的图片。</translation>
    </message>
    <message>
        <source>The studio closed while this member was being sent; it is not sent again.</source>
        <translation>发送此成员时工作室已关闭；它不会再次发送。</translation>
    </message>
    <message>
        <source>Discarded before it was sent.</source>
        <translation>在发送前已放弃。</translation>
    </message>
    <message>
        <source>The provider returned no images.</source>
        <translation>服务商没有返回任何图像。</translation>
    </message>
    <message>
        <source>The studio closed before this job finished.</source>
        <translation>此任务完成前工作室已关闭。</translation>
    </message>
    <message>
        <source>{count} request failed; the other images were kept. {reason}</source>
        <translation>{count} 个请求失败；其他图像已保留。{reason}</translation>
    </message>
    <message>
        <source>{count} requests failed; the other images were kept. {reason}</source>
        <translation>{count} 个请求失败；其他图像已保留。{reason}</translation>
    </message>
    <message>
        <source>The spend cap stopped the batch before this member.</source>
        <translation>在此成员之前，支出上限已停止了批量任务。</translation>
    </message>
    <message>
        <source>The batch was cancelled before this member was sent.</source>
        <translation>此成员发送之前，批量任务已被取消。</translation>
    </message>
    <message>
        <source>{provider} has no usable address ({address}).</source>
        <translation>{provider} 没有可用的地址（{address}）。</translation>
    </message>
    <message>
        <source>Give either a file or a url.</source>
        <translation>请给出文件或网址，二者选一。</translation>
    </message>
    <message>
        <source>Cannot read {file}: {reason}.</source>
        <translation>无法读取 {file}：{reason}。</translation>
    </message>
    <message>
        <source>{name} is not a PNG, JPEG or WebP image.</source>
        <translation>{name} 不是 PNG、JPEG 或 WebP 图片。</translation>
    </message>
    <message>
        <source>An edit needs at least one input image.</source>
        <translation>编辑至少需要一张输入图片。</translation>
    </message>
    <message>
        <source>A variation needs exactly one input image.</source>
        <translation>变体需要且只需要一张输入图片。</translation>
    </message>
    <message>
        <source>Give a file or a url to upload.</source>
        <translation>请给出要上传的文件或网址。</translation>
    </message>
    <message>
        <source>The CA file {path} cannot be used: {reason}.</source>
        <translation>无法使用 CA 文件 {path}：{reason}。</translation>
    </message>
    <message>
        <source>The batch was discarded before this member.</source>
        <translation>在此成员之前，批量任务已被丢弃。</translation>
    </message>
    <message>
        <source>Could not connect to the provider in time ({detail}).</source>
        <translation>未能及时连接到服务商（{detail}）。</translation>
    </message>
    <message>
        <source>The provider&apos;s TLS certificate could not be verified ({detail}). Behind a company proxy that inspects TLS, set its CA file in the network settings.</source>
        <translation>无法验证服务商的 TLS 证书（{detail}）。如果公司代理会检查 TLS，请在网络设置中指定它的 CA 文件。</translation>
    </message>
    <message>
        <source>Could not connect to the provider: {detail}.</source>
        <translation>无法连接到服务商：{detail}。</translation>
    </message>
    <message>
        <source>No connection became free in time.</source>
        <translation>没有及时等到空闲的连接。</translation>
    </message>
    <message>
        <source>The provider did not answer in time. It may still be working on the request (and charge for it); check before retrying, or raise the read timeout.</source>
        <translation>服务商没有及时回应。它可能仍在处理这个请求（并会计费）；重试前请先确认，或调高读取超时。</translation>
    </message>
    <message>
        <source>Sending the request took too long.</source>
        <translation>发送请求用时过长。</translation>
    </message>
    <message>
        <source>The connection broke after the request was sent ({detail}). The provider may have processed it.</source>
        <translation>请求发出后连接中断（{detail}）。服务商可能已经处理了它。</translation>
    </message>
    <message>
        <source>Network failure: {detail}.</source>
        <translation>网络故障：{detail}。</translation>
    </message>
    <message>
        <source>The reply is {size} MB, over the {limit} MB limit.</source>
        <translation>回复有 {size} MB，超过了 {limit} MB 的上限。</translation>
    </message>
    <message>
        <source>The reply is larger than the {limit} MB limit; it was not read.</source>
        <translation>回复超过 {limit} MB 的上限，未读取。</translation>
    </message>
    <message>
        <source>The provider returned an image address the studio cannot fetch: {url}</source>
        <translation>服务商返回了一个无法获取的图片地址：{url}</translation>
    </message>
    <message>
        <source>Could not download the image (HTTP {status}; result links expire after about an hour): {reason}</source>
        <translation>无法下载图片（HTTP {status}；结果链接大约一小时后失效）：{reason}</translation>
    </message>
    <message>
        <source>Could not download the image (HTTP {status}): {reason}</source>
        <translation>无法下载图片（HTTP {status}）：{reason}</translation>
    </message>
    <message>
        <source>Too many redirects while downloading the image.</source>
        <translation>下载图片时重定向次数过多。</translation>
    </message>
    <message>
        <source>The provider redirected the request to {where}; check the base URL (the studio never forwards the key to another address).</source>
        <translation>服务商把请求重定向到了 {where}；请检查 Base URL（本应用绝不会把密钥转发到其他地址）。</translation>
    </message>
    <message>
        <source>No images arrived.</source>
        <translation>没有收到任何图片。</translation>
    </message>
    <message>
        <source>Unexpected error: {reason}</source>
        <translation>意外错误：{reason}</translation>
    </message>
    <message>
        <source>The result could not be stored ({reason}). The reply is kept in the journal and stored at the next start, once there is room.</source>
        <translation>结果无法保存（{reason}）。回复已保存在日志中，下次启动且有空间时会存入历史。</translation>
    </message>
    <message>
        <source>The result could not be stored ({reason}), nor kept in the journal.</source>
        <translation>结果无法保存（{reason}），也未能保存在日志中。</translation>
    </message>
    <message>
        <source>The stream was cut before the image was complete ({count} partial image had arrived).</source>
        <translation>图片完成前数据流就中断了（已收到 {count} 张预览图）。</translation>
    </message>
    <message>
        <source>The stream was cut before the image was complete ({count} partial images had arrived).</source>
        <translation>图片完成前数据流就中断了（已收到 {count} 张预览图）。</translation>
    </message>
    <message>
        <source>The stream was cut before the image was complete.</source>
        <translation>图片完成前数据流就中断了。</translation>
    </message>
    <message>
        <source>The streamed reply is larger than the {limit} MB limit.</source>
        <translation>流式回复超过了 {limit} MB 的上限。</translation>
    </message>
    <message>
        <source>The provider&apos;s reply was empty.</source>
        <translation>服务商的回复是空的。</translation>
    </message>
    <message>
        <source>The provider&apos;s reply is an HTML page, not JSON ({summary}).</source>
        <translation>服务商的回复是一个 HTML 网页，而不是 JSON（{summary}）。</translation>
    </message>
    <message>
        <source>The provider&apos;s reply is not valid JSON (it may be cut off).</source>
        <translation>服务商的回复不是有效的 JSON（可能被截断了）。</translation>
    </message>
    <message>
        <source>The provider sent image data that is not valid base64.</source>
        <translation>服务商发来的图片数据不是有效的 base64。</translation>
    </message>
    <message>
        <source>The image from {url} is not a readable picture ({size} bytes).</source>
        <translation>来自 {url} 的图片无法读取（{size} 字节）。</translation>
    </message>
    <message>
        <source>The image is not a readable picture ({size} bytes).</source>
        <translation>图片无法读取（{size} 字节）。</translation>
    </message>
    <message>
        <source>The provider&apos;s reply is not a JSON object.</source>
        <translation>服务商的回复不是 JSON 对象。</translation>
    </message>
    <message>
        <source>The provider&apos;s reply has no image list (`data`).</source>
        <translation>服务商的回复中没有图片列表（`data`）。</translation>
    </message>
    <message>
        <source>The provider&apos;s reply contains no images.</source>
        <translation>服务商的回复中没有图片。</translation>
    </message>
    <message>
        <source>An image entry in the provider&apos;s reply is not an object.</source>
        <translation>服务商回复中的一个图片条目不是对象。</translation>
    </message>
    <message>
        <source>The image at {url} was not downloaded.</source>
        <translation>位于 {url} 的图片未被下载。</translation>
    </message>
    <message>
        <source>An image entry has neither `b64_json` nor a `url` the studio understands.</source>
        <translation>一个图片条目既没有 `b64_json`，也没有本应用能识别的 `url`。</translation>
    </message>
    <message>
        <source>The upload reply has no `Resp` object.</source>
        <translation>上传回复中没有 `Resp` 对象。</translation>
    </message>
    <message>
        <source>The upload reply has no `img_id`.</source>
        <translation>上传回复中没有 `img_id`。</translation>
    </message>
    <message>
        <source>The model list reply has no `data` list.</source>
        <translation>模型列表回复中没有 `data` 列表。</translation>
    </message>
    <message>
        <source>The reply says its images are {declared} but the data is {actual} ({size} bytes).</source>
        <translation>回复声明图像为 {declared}，但数据是 {actual}（{size} 字节）。</translation>
    </message>
    <message>
        <source>not an image</source>
        <translation>不是图像</translation>
    </message>
    <message>
        <source>{url} carries a user name or password; the studio sends no credentials with an input address.</source>
        <translation>{url} 含有用户名或密码；本应用不会随输入网址发送任何凭据。</translation>
    </message>
    <message>
        <source>{host} is {reason}; the studio fetches nothing from there for this provider.</source>
        <translation>{host} 是{reason}；对此服务商，本应用不会从那里获取任何内容。</translation>
    </message>
    <message>
        <source>{url} is not a picture the studio can show ({size} bytes).</source>
        <translation>{url} 不是本应用能显示的图片（{size} 字节）。</translation>
    </message>
    <message>
        <source>The drawing repeats parts that repeat other parts (nested &lt;use&gt;).</source>
        <translation>该矢量图重复引用了本身又在重复引用的部分（嵌套 &lt;use&gt;）。</translation>
    </message>
    <message>
        <source>The drawing refers to an outside resource ({ref}); such references are never loaded.</source>
        <translation>该矢量图引用了外部资源（{ref}）；此类引用从不加载。</translation>
    </message>
    <message>
        <source>The drawing contains a script (the {name} attribute).</source>
        <translation>该矢量图包含脚本（{name} 属性）。</translation>
    </message>
    <message>
        <source>The drawing&apos;s style imports an outside stylesheet.</source>
        <translation>该矢量图的样式导入了外部样式表。</translation>
    </message>
    <message>
        <source>The drawing declares a DTD (entities are never expanded).</source>
        <translation>该矢量图声明了 DTD（实体从不展开）。</translation>
    </message>
    <message>
        <source>The drawing declares an entity (entities are never expanded).</source>
        <translation>该矢量图声明了实体（实体从不展开）。</translation>
    </message>
    <message>
        <source>The drawing refers to an external entity.</source>
        <translation>该矢量图引用了外部实体。</translation>
    </message>
    <message>
        <source>The drawing is {size:,} bytes; drawings over {limit:,} bytes are not rendered.</source>
        <translation>该矢量图有 {size:,} 字节；超过 {limit:,} 字节的矢量图不予渲染。</translation>
    </message>
    <message>
        <source>The document is empty.</source>
        <translation>文档为空。</translation>
    </message>
    <message>
        <source>The drawing&apos;s viewBox is not four numbers ({box}).</source>
        <translation>该矢量图的 viewBox 不是四个数字（{box}）。</translation>
    </message>
    <message>
        <source>The drawing&apos;s viewBox is {w:g}x{h:g}; at most {limit:g} a side is rendered.</source>
        <translation>该矢量图的 viewBox 为 {w:g}x{h:g}；每边最多渲染 {limit:g}。</translation>
    </message>
    <message>
        <source>The drawing declares a size of {w}x{h}; at most {limit:g} a side is rendered.</source>
        <translation>该矢量图声明的尺寸为 {w}x{h}；每边最多渲染 {limit:g}。</translation>
    </message>
    <message>
        <source>The drawing has more than {limit:,} elements.</source>
        <translation>该矢量图的元素超过 {limit:,} 个。</translation>
    </message>
    <message>
        <source>The drawing nests more than {limit} levels deep.</source>
        <translation>该矢量图的嵌套超过 {limit} 层。</translation>
    </message>
    <message>
        <source>The drawing contains a &lt;{name}&gt; element.</source>
        <translation>该矢量图包含 &lt;{name}&gt; 元素。</translation>
    </message>
    <message>
        <source>The drawing is not well-formed XML ({detail}).</source>
        <translation>该矢量图不是格式正确的 XML（{detail}）。</translation>
    </message>
    <message>
        <source>The drawing could not be read safely.</source>
        <translation>无法安全读取该矢量图。</translation>
    </message>
    <message>
        <source>The document is not an SVG drawing (its root is &lt;{name}&gt;).</source>
        <translation>该文档不是 SVG 矢量图（其根元素为 &lt;{name}&gt;）。</translation>
    </message>
    <message>
        <source>One attribute of the drawing is {size:,} characters; at most {limit:,}.</source>
        <translation>该矢量图的某个属性有 {size:,} 个字符；最多 {limit:,} 个。</translation>
    </message>
    <message>
        <source>an empty reply</source>
        <translation>空回复</translation>
    </message>
    <message>
        <source>an HTML page ({summary})</source>
        <translation>一个 HTML 网页（{summary}）</translation>
    </message>
    <message>
        <source>an unreadable reply: {text}</source>
        <translation>无法解读的回复：{text}</translation>
    </message>
    <message>
        <source>bad gateway</source>
        <translation>网关错误</translation>
    </message>
    <message>
        <source>service unavailable</source>
        <translation>服务不可用</translation>
    </message>
    <message>
        <source>gateway timeout</source>
        <translation>网关超时</translation>
    </message>
    <message>
        <source>unknown error</source>
        <translation>未知错误</translation>
    </message>
    <message>
        <source>web server is down</source>
        <translation>Web 服务器已停止</translation>
    </message>
    <message>
        <source>connection timed out</source>
        <translation>连接超时</translation>
    </message>
    <message>
        <source>origin is unreachable</source>
        <translation>源站无法访问</translation>
    </message>
    <message>
        <source>timed out waiting for the provider</source>
        <translation>等待服务商超时</translation>
    </message>
    <message>
        <source>A proxy in front of the provider answered HTTP {status} ({meaning}) with {what}. The request may still be processed; check before retrying.</source>
        <translation>服务商前面的代理返回了 HTTP {status}（{meaning}），内容是{what}。请求可能仍会被处理；重试前请先确认。</translation>
    </message>
    <message>
        <source>A proxy in front of the provider answered HTTP {status} ({meaning}) with {what}.</source>
        <translation>服务商前面的代理返回了 HTTP {status}（{meaning}），内容是{what}。</translation>
    </message>
    <message>
        <source>The provider refused the request on content grounds: {detail}</source>
        <translation>服务商以内容为由拒绝了请求：{detail}</translation>
    </message>
    <message>
        <source>The account is out of quota or balance: {detail}</source>
        <translation>账户额度或余额不足：{detail}</translation>
    </message>
    <message>
        <source>The provider rejected the API key (HTTP 401): {detail}</source>
        <translation>服务商拒绝了 API 密钥（HTTP 401）：{detail}</translation>
    </message>
    <message>
        <source>The provider rejected the API key (HTTP 401). It sent {what}.</source>
        <translation>服务商拒绝了 API 密钥（HTTP 401），返回的是{what}。</translation>
    </message>
    <message>
        <source>No balance, or access forbidden (HTTP 403): {detail}</source>
        <translation>余额不足或无权访问（HTTP 403）：{detail}</translation>
    </message>
    <message>
        <source>No balance, or access forbidden (HTTP 403). It sent {what}.</source>
        <translation>余额不足或无权访问（HTTP 403），返回的是{what}。</translation>
    </message>
    <message>
        <source>The provider does not know this endpoint or model (HTTP 404): {detail}</source>
        <translation>服务商不认识这个接口或模型（HTTP 404）：{detail}</translation>
    </message>
    <message>
        <source>The provider does not know this endpoint or model (HTTP 404). It sent {what}.</source>
        <translation>服务商不认识这个接口或模型（HTTP 404），返回的是{what}。</translation>
    </message>
    <message>
        <source>The request is too large for the provider (HTTP 413): {detail}</source>
        <translation>请求对服务商来说太大了（HTTP 413）：{detail}</translation>
    </message>
    <message>
        <source>The request is too large for the provider (HTTP 413). It sent {what}.</source>
        <translation>请求对服务商来说太大了（HTTP 413），返回的是{what}。</translation>
    </message>
    <message>
        <source>Too many requests; the provider asks to slow down (HTTP 429): {detail}</source>
        <translation>请求过多，服务商要求放慢速度（HTTP 429）：{detail}</translation>
    </message>
    <message>
        <source>Too many requests; the provider asks to slow down (HTTP 429). It sent {what}.</source>
        <translation>请求过多，服务商要求放慢速度（HTTP 429），返回的是{what}。</translation>
    </message>
    <message>
        <source>This provider does not offer this endpoint (HTTP 501): {detail}</source>
        <translation>这个服务商不提供该接口（HTTP 501）：{detail}</translation>
    </message>
    <message>
        <source>This provider does not offer this endpoint (HTTP 501). It sent {what}.</source>
        <translation>这个服务商不提供该接口（HTTP 501），返回的是{what}。</translation>
    </message>
    <message>
        <source>The provider reported an error: {detail}</source>
        <translation>服务商报告了一个错误：{detail}</translation>
    </message>
    <message>
        <source>The provider reported an error. It sent {what}.</source>
        <translation>服务商报告了一个错误，返回的是{what}。</translation>
    </message>
    <message>
        <source>The provider had an internal error (HTTP {status}): {detail}</source>
        <translation>服务商内部出错（HTTP {status}）：{detail}</translation>
    </message>
    <message>
        <source>The provider had an internal error (HTTP {status}). It sent {what}.</source>
        <translation>服务商内部出错（HTTP {status}），返回的是{what}。</translation>
    </message>
    <message>
        <source>The provider rejected the request (HTTP {status}): {detail}</source>
        <translation>服务商拒绝了请求（HTTP {status}）：{detail}</translation>
    </message>
    <message>
        <source>The provider rejected the request (HTTP {status}). It sent {what}.</source>
        <translation>服务商拒绝了请求（HTTP {status}），返回的是{what}。</translation>
    </message>
    <message>
        <source>The provider&apos;s image link points to {host}, {reason}; the studio does not fetch such links (the reply is kept in the journal).</source>
        <translation>服务商返回的图片链接指向 {host}，这是{reason}；本工作室不会获取此类链接（回复已保留在日志中）。</translation>
    </message>
    <message>
        <source>a cloud metadata address</source>
        <translation>云服务器元数据地址</translation>
    </message>
    <message>
        <source>a link-local address</source>
        <translation>链路本地地址</translation>
    </message>
    <message>
        <source>an unspecified address</source>
        <translation>未指定地址</translation>
    </message>
    <message>
        <source>a multicast address</source>
        <translation>组播地址</translation>
    </message>
    <message>
        <source>a broadcast address</source>
        <translation>广播地址</translation>
    </message>
    <message>
        <source>a loopback or private address of this network</source>
        <translation>本机回环地址或内网私有地址</translation>
    </message>
    <message>
        <source>{provider} is set to plain HTTP ({url}): the key and your images would cross the network unencrypted. Use https://, or allow plain HTTP for this provider in Settings → Providers.</source>
        <translation>{provider} 使用的是明文 HTTP（{url}）：密钥和图片将未经加密地在网络上传输。请改用 https://，或在“设置 → 服务商”中为该服务商允许明文 HTTP。</translation>
    </message>
    <message>
        <source>The upload of a local file names it by its path, which {provider} cannot read from another machine. Upload by URL, or let this provider receive the file&apos;s bytes as a data URL (Settings → Providers).</source>
        <translation>上传本地文件时是按路径指明文件的，而 {provider} 在另一台机器上无法读取该路径。请改为通过 URL 上传，或允许该服务商以 data URL 形式接收文件内容（设置 → 服务商）。</translation>
    </message>
    <message>
        <source>The stream sent only keep-alives for {seconds} s, no image; it was stopped. The provider may still be working on the request (and charge for it).</source>
        <translation>数据流在 {seconds} 秒内只发送了保活信号，没有图片，已停止。服务商可能仍在处理该请求（并可能计费）。</translation>
    </message>
    <message>
        <source>A stream event is larger than the {limit} MB limit; the stream was stopped.</source>
        <translation>数据流中的一个事件超过了 {limit} MB 的上限，数据流已停止。</translation>
    </message>
    <message>
        <source>The stream sent more than {limit} final images; it was stopped.</source>
        <translation>数据流发送的最终图片超过了 {limit} 张，已停止。</translation>
    </message>
    <message>
        <source>The provider sent {count} images where at most {limit} can be asked for; the reply was refused.</source>
        <translation>服务商发来了 {count} 张图片，而最多只能请求 {limit} 张；该回复已被拒绝。</translation>
    </message>
    <message>
        <source>The job did not finish within its deadline of {seconds} s and was stopped. The provider may still be working on it (and charge for it); the deadline is in the network settings.</source>
        <translation>任务未能在 {seconds} 秒的期限内完成，已停止。服务商可能仍在处理（并可能计费）；期限可在网络设置中修改。</translation>
    </message>
    <message>
        <source>{provider} does not offer the Responses image tool (its profile does not say so); conversations need a provider that does.</source>
        <translation>{provider} 不提供 Responses 图像工具（其配置中未声明）；对话需要提供该工具的服务商。</translation>
    </message>
    <message>
        <source>The stream was cut before the turn was complete ({count} partial image had arrived). Send it again to retry; it may be billed again.</source>
        <translation>本轮尚未完成，流就被中断了（已收到 {count} 张预览图）。可再次发送以重试；这可能会再次计费。</translation>
    </message>
    <message>
        <source>The stream was cut before the turn was complete ({count} partial images had arrived). Send it again to retry; it may be billed again.</source>
        <translation>本轮尚未完成，流就被中断了（已收到 {count} 张预览图）。可再次发送以重试；这可能会再次计费。</translation>
    </message>
    <message>
        <source>The provider&apos;s reply is not a response object.</source>
        <translation>服务商的回复不是一个 response 对象。</translation>
    </message>
    <message>
        <source>The provider&apos;s reply has no output items.</source>
        <translation>服务商的回复中没有输出项。</translation>
    </message>
    <message>
        <source>The model answered without calling the image tool; nothing was drawn.</source>
        <translation>模型没有调用图像工具就作答了；没有生成图片。</translation>
    </message>
    <message>
        <source>The provider {provider} is no longer configured.</source>
        <translation>服务商 {provider} 已不在配置中。</translation>
    </message>
    <message>
        <source>A spend cap is counted in one currency, but these targets are priced in {currencies}: run them without a cap, or run the targets of each currency separately.</source>
        <translation>花费上限只按一种货币计算，但这些目标分别以 {currencies} 计价：请不设上限运行，或将每种货币的目标分开运行。</translation>
    </message>
    <message>
        <source>The input images of this comparison cannot be read ({reason}).</source>
        <translation>无法读取此对比的输入图片（{reason}）。</translation>
    </message>
    <message>
        <source>its record is damaged</source>
        <translation>其记录已损坏</translation>
    </message>
    <message>
        <source>The markup drawn on this job&apos;s input image cannot be read ({reason}).</source>
        <translation>无法读取此任务输入图片上绘制的标注（{reason}）。</translation>
    </message>
    <message>
        <source>A transparent background needs PNG or WebP output.</source>
        <translation>透明背景需要输出 PNG 或 WebP 格式。</translation>
    </message>
    <message>
        <source>GIF output takes no streaming, previews, mask or compression.</source>
        <translation>GIF 输出不支持流式传输、预览、蒙版或压缩。</translation>
    </message>
    <message>
        <source>SVG output makes one image (n = 1) and takes no streaming, previews or compression.</source>
        <translation>SVG 输出只生成一张图像（n = 1），且不支持流式传输、预览或压缩。</translation>
    </message>
    <message>
        <source>a prompt has at most {limit} tags</source>
        <translation>一条提示词最多 {limit} 个标签</translation>
    </message>
    <message>
        <source>the prompt has {count:,} characters; at most {limit:,}</source>
        <translation>提示词有 {count:,} 个字符；最多 {limit:,} 个</translation>
    </message>
    <message>
        <source>the prompt is empty</source>
        <translation>提示词为空</translation>
    </message>
    <message>
        <source>the tag {tag} is longer than {limit} characters</source>
        <translation>标签 {tag} 超过 {limit} 个字符</translation>
    </message>
    <message>
        <source>the title is longer than {limit} characters</source>
        <translation>标题超过 {limit} 个字符</translation>
    </message>
    <message>
        <source>another saved prompt already has this text</source>
        <translation>另一条已保存的提示词已是这段文字</translation>
    </message>
    <message>
        <source>this prompt is no longer in the library</source>
        <translation>这条提示词已不在提示词库中</translation>
    </message>
    <message>
        <source>the prompt library is busy: another Image Studio is writing to it; try again in a moment</source>
        <translation>提示词库正忙：另一个 Image Studio 正在写入；请稍后再试</translation>
    </message>
    <message>
        <source>{file} was written by a newer version of Image Studio</source>
        <translation>{file} 由更新版本的 Image Studio 写入</translation>
    </message>
    <message>
        <source>cannot read {file}: {reason}</source>
        <translation>无法读取 {file}：{reason}</translation>
    </message>
    <message>
        <source>cannot write {file}: {reason}</source>
        <translation>无法写入 {file}：{reason}</translation>
    </message>
    <message>
        <source>it holds text that is not valid Unicode</source>
        <translation>其中含有无效的 Unicode 文字</translation>
    </message>
    <message>
        <source>it is not an object</source>
        <translation>它不是一个对象</translation>
    </message>
    <message>
        <source>its tags are not a list of text</source>
        <translation>其标签不是文字列表</translation>
    </message>
    <message>
        <source>its text is missing or not text</source>
        <translation>其文字缺失或不是文字</translation>
    </message>
    <message>
        <source>its title is not text</source>
        <translation>其标题不是文字</translation>
    </message>
    <message>
        <source>its use count is not a whole number from 0 to {limit:,}</source>
        <translation>其使用次数不是 0 到 {limit:,} 之间的整数</translation>
    </message>
    <message>
        <source>its creation time is not a date and time</source>
        <translation>其创建时间不是有效的日期时间</translation>
    </message>
    <message>
        <source>its last use is not a date and time</source>
        <translation>其最近使用时间不是有效的日期时间</translation>
    </message>
    <message>
        <source>prompt {n}: {reason}</source>
        <translation>第 {n} 条提示词：{reason}</translation>
    </message>
    <message>
        <source>the file holds {count:,} prompts; at most {limit:,} can be imported at once</source>
        <translation>文件含有 {count:,} 条提示词；一次最多可导入 {limit:,} 条</translation>
    </message>
    <message>
        <source>the file is larger than {limit} MB: too large for a prompt library file</source>
        <translation>文件大于 {limit} MB：作为提示词库文件太大</translation>
    </message>
    <message>
        <source>{file} is larger than {limit} MB: too large for a prompt library file</source>
        <translation>{file} 大于 {limit} MB：作为提示词库文件太大</translation>
    </message>
    <message>
        <source>the file is nested too deeply to be a prompt library</source>
        <translation>文件嵌套层级太深，不是提示词库</translation>
    </message>
    <message>
        <source>the file is not JSON: {reason}</source>
        <translation>文件不是 JSON：{reason}</translation>
    </message>
    <message>
        <source>the file is not UTF-8 text (byte {offset:,})</source>
        <translation>文件不是 UTF-8 文字（第 {offset:,} 字节）</translation>
    </message>
    <message>
        <source>the file is not an Image Studio prompt library</source>
        <translation>文件不是 Image Studio 提示词库</translation>
    </message>
    <message>
        <source>the file was made by a newer version of Image Studio (format version {version})</source>
        <translation>文件由更新版本的 Image Studio 生成（格式版本 {version}）</translation>
    </message>
    <message>
        <source>the file&apos;s format version is missing or not a whole number</source>
        <translation>文件的格式版本缺失或不是整数</translation>
    </message>
    <message>
        <source>the file&apos;s prompts are not a list</source>
        <translation>文件中的提示词不是列表</translation>
    </message>
</context>
</TS>
