//! Texts of the accounts pages (zh-CN, en), and the server's auth codes in words.
use crate::i18n::{fill, Lang};
use crate::sync::net::NetError;

crate::texts! {
    pub enum AT {
        SignInTitle => "登录 Fairlog", "Sign in to Fairlog";
        SignInLead => "组织方、企业和主播各用自己的账号登录；账号由组织方邀请开通。", "Organizers, enterprises and hosts each sign in with their own account; organizers invite new accounts.";
        Name => "账号名", "Account name";
        Password => "密码", "Password";
        NewPassword => "新密码（至少 8 个字符）", "New password (at least 8 characters)";
        RepeatPassword => "再次输入新密码", "Repeat the new password";
        OldPassword => "当前密码", "Current password";
        SignIn => "登录", "Sign in";
        SigningIn => "正在登录…", "Signing in…";
        SignOut => "退出登录", "Sign out";
        ChangePassword => "修改密码", "Change password";
        PasswordChanged => "密码已修改，其他设备上的登录已失效。", "Password changed; you are signed out on other devices.";
        Save => "保存", "Save";
        Cancel => "取消", "Cancel";
        MenuLabel => "账号", "Account";
        SignedInAs => "{name} · {role}", "{name} · {role}";
        JoinTitle => "接受邀请，开通账号", "Accept the invitation and create your account";
        JoinLead => "你被邀请以“{role}”身份使用 Fairlog。邀请 {expires} 前有效，只能使用一次。", "You are invited to use Fairlog as {role}. The invitation is valid until {expires} and can be used once.";
        JoinNameHint => "登录时使用，最多 60 个字符", "Used to sign in; up to 60 characters";
        Join => "开通账号并登录", "Create the account and sign in";
        JoinChecking => "正在核对邀请…", "Checking the invitation…";
        InvitationUnusable => "这个邀请链接已失效（已被使用、已过期或不存在）。请联系组织方重新邀请。", "This invitation link cannot be used (used, expired or unknown). Ask an organizer for a new one.";
        PasswordsDiffer => "两次输入的新密码不一致", "The two new passwords differ";
        PasswordLength => "密码需要 8 到 256 个字符", "A password has 8 to 256 characters";
        NameRequired => "请填写账号名", "Enter an account name";
        NavAccounts => "账号", "Accounts";
        AccountsTitle => "账号与邀请", "Accounts and invitations";
        InviteTitle => "邀请新账号", "Invite an account";
        InviteRole => "身份", "Role";
        InviteName => "对方名称（可选，仅供辨认）", "Who it is for (optional, for your records)";
        InviteButton => "生成邀请链接", "Create an invitation link";
        InviteMade => "把下面的链接发给对方（{expires} 前有效，只能使用一次）：", "Send this link to them (valid until {expires}, once):";
        CopyLink => "复制链接", "Copy the link";
        Copied => "已复制", "Copied";
        AccountsList => "已开通的账号", "Accounts";
        PendingList => "未使用的邀请", "Invitations not used yet";
        ColName => "账号名", "Name";
        ColRole => "身份", "Role";
        ColState => "状态", "State";
        ColSince => "开通时间", "Since";
        ColExpires => "有效期至", "Valid until";
        Active => "正常", "Active";
        Disabled => "已停用", "Disabled";
        Disable => "停用", "Disable";
        Enable => "恢复", "Enable";
        NoAccounts => "还没有账号。", "No accounts yet.";
        NoPending => "没有未使用的邀请。", "No unused invitations.";
        AuditTitle => "登录与账号记录", "Sign-ins and account changes";
        ColWhen => "时间", "When";
        ColWhat => "事件", "What";
        ColWho => "账号", "Who";
        ColFrom => "来源地址", "From";
        NoAudit => "还没有记录。", "Nothing recorded yet.";
        Loading => "正在读取…", "Loading…";
        OrganizersOnly => "只有组织方可以管理账号。", "Only organizers manage accounts.";
        ErrBadPassword => "账号名或密码不正确", "Wrong account name or password";
        ErrLocked => "连续输错次数过多，该账号已暂时锁定，请在 {until} 之后再试", "Too many wrong attempts: this account is locked until {until}";
        ErrSlowDown => "输错次数较多，请在 {until} 之后再试", "Several wrong attempts: try again after {until}";
        ErrSelf => "不能停用自己的账号", "You cannot disable your own account";
        ErrDisabled => "该账号已被组织方停用", "An organizer has disabled this account";
        ErrForbidden => "你的账号没有权限进行这项操作", "Your account may not do this";
        ErrSignedOut => "登录已失效，请重新登录", "You are signed out; sign in again";
        ErrCsrf => "页面已过期，请刷新后重试", "This page is out of date; reload it and try again";
        ErrNameTaken => "这个账号名已被使用", "This account name is taken";
        ErrBadName => "账号名需要 1 到 60 个字符，且不能包含控制字符", "An account name has 1 to 60 characters and no control characters";
        ErrInvitation => "邀请链接已失效（已被使用、已过期或不存在）", "The invitation cannot be used (used, expired or unknown)";
        ErrOffline => "无法连接服务器，请检查网络后重试", "Cannot reach the server; check the network and try again";
        ErrOther => "服务器未能完成操作（{code}）", "The server could not do it ({code})";
        AuditSignIn => "登录", "Signed in";
        AuditSignInFailed => "登录失败", "Failed sign-in";
        AuditSignOut => "退出登录", "Signed out";
        AuditInvited => "发出邀请", "Invitation made";
        AuditJoined => "通过邀请开通", "Joined by invitation";
        AuditDisabled => "停用账号", "Account disabled";
        AuditEnabled => "恢复账号", "Account enabled";
        AuditPassword => "修改密码", "Password changed";
        AuditLocked => "账号锁定", "Account locked";
        AuditSignInDisabled => "已停用账号尝试登录", "Sign-in by a disabled account";
    }
}

/// A server answer in the user's words. `until` (for a lock) comes in the message when given.
pub fn problem(lang: Lang, e: &NetError) -> String {
    match e {
        NetError::Offline(_) => AT::ErrOffline.get(lang).to_owned(),
        NetError::Refused { code, message, .. } => match code.as_str() {
            "auth.bad_password" | "auth.unknown_account" => AT::ErrBadPassword.get(lang).to_owned(),
            "auth.locked" => fill(AT::ErrLocked.get(lang), &[("until", locked_until(message))]),
            "auth.throttled" | "auth.slow_down" => fill(AT::ErrSlowDown.get(lang), &[("until", locked_until(message))]),
            "auth.disabled" => AT::ErrDisabled.get(lang).to_owned(),
            "auth.forbidden" => AT::ErrForbidden.get(lang).to_owned(),
            "auth.signed_out" => AT::ErrSignedOut.get(lang).to_owned(),
            "auth.csrf" => AT::ErrCsrf.get(lang).to_owned(),
            "auth.name_taken" => AT::ErrNameTaken.get(lang).to_owned(),
            "auth.bad_name" => AT::ErrBadName.get(lang).to_owned(),
            "account.self" => AT::ErrSelf.get(lang).to_owned(),
            "auth.password_too_short" | "auth.password_too_long" => AT::PasswordLength.get(lang).to_owned(),
            c if c.starts_with("auth.invitation") => AT::ErrInvitation.get(lang).to_owned(),
            c => fill(AT::ErrOther.get(lang), &[("code", c.to_owned())]),
        },
    }
}

/// The server says until when in its message as an RFC 3339 time; shown in local time.
fn locked_until(message: &str) -> String {
    message
        .split_whitespace()
        .find_map(|w| {
            chrono::DateTime::parse_from_rfc3339(w.trim_matches(|c: char| c == '(' || c == ')' || c == '.')).ok()
        })
        .map(|t| when(t.with_timezone(&chrono::Utc)))
        .unwrap_or_else(|| message.to_owned())
}

/// An audit entry's kind in words.
pub fn audit_kind(lang: Lang, kind: &str) -> String {
    let t = match kind {
        "sign_in" => AT::AuditSignIn,
        "sign_in_failed" | "password_failed" => AT::AuditSignInFailed,
        "sign_in_disabled" => AT::AuditSignInDisabled,
        "sign_out" => AT::AuditSignOut,
        "invitation_created" => AT::AuditInvited,
        "joined" | "account_created" => AT::AuditJoined,
        "account_disabled" => AT::AuditDisabled,
        "account_enabled" => AT::AuditEnabled,
        "password_changed" => AT::AuditPassword,
        "sign_in_locked" => AT::AuditLocked,
        other => return other.to_owned(),
    };
    t.get(lang).to_owned()
}

/// A time in Shanghai time, for the accounts pages.
pub fn when(t: chrono::DateTime<chrono::Utc>) -> String {
    fairlog_domain::time::format_local_input(t).replace('T', " ")
}
