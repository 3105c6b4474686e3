//! Server mode's texts (zh-CN, en).
crate::texts! {
    pub enum ST {
        Queued => "已提交，等待服务器确认", "Sent; waiting for the server to confirm";
        Confirmed => "服务器已确认并保存", "The server has confirmed and saved it";
        RefusedByServer => "服务器未接受你的操作：{reason}", "The server did not accept your change: {reason}";
        UnknownCommand => "服务器无法识别这项操作（{detail}），请刷新页面后重试", "The server cannot read this change ({detail}); reload the page and try again";
        RefusedTitle => "服务器未接受的更改", "Changes the server did not accept";
        RefusedLine => "{who}：{what}", "{who}: {what}";
        RefusedWhy => "原因：{reason}", "Why: {reason}";
        RefusedUnknownChange => "一项更改", "A change";
        RefusedDismiss => "知道了", "Got it";
        FirstSync => "正在从服务器同步排期数据…", "Fetching the schedule from the server…";
        FirstSyncProgress => "已同步 {done} / {total} 条记录", "{done} of {total} records";
        Online => "在线", "Online";
        Offline => "离线", "Offline";
        Connecting => "正在连接", "Connecting";
        Waiting => "{n} 条待同步", "{n} waiting";
        WaitingOne => "1 条待同步", "1 waiting";
        AllSynced => "已同步", "All synced";
        CatchingUp => "正在同步…", "Syncing…";
        NothingWaiting => "无待同步更改", "Nothing waiting";
        LastSynced => "上次同步 {time}", "Last synced {time}";
        Diverged => "服务器上的数据与本机不一致，请导出本机数据后联系管理员", "The server's log differs from this browser's; export your data and contact an administrator";
        IndicatorLabel => "同步状态", "Sync status";
        WelcomeBody => "这台 Fairlog 服务器上还没有数据。组织方、企业和主播在各自的设备上共用同一份排期，离线时也能查看和提交，联网后自动同步。可以先载入演示数据（根据2022年上海春季促进就业专项行动等公开报道编制），也可以从空白开始。", "This Fairlog server holds no data yet. Organizers, enterprises and hosts share one schedule from their own devices, offline too; changes sync when they are back online. Load the demo season (modelled on Shanghai's 2022 spring employment action and related public reports), or start empty.";
        WelcomeWaiting => "这台 Fairlog 服务器上还没有招聘会。组织方发布招聘会后，会在这里显示（无需刷新）。", "This Fairlog server has no job fairs yet. They appear here as soon as an organizer publishes them (no reload needed).";
        Footer => "数据保存在 Fairlog 服务器上，本浏览器保留一份副本，离线时也能查看和提交。", "Your data lives on the Fairlog server; this browser keeps a copy, so you can view and submit changes offline too.";
    }
}
