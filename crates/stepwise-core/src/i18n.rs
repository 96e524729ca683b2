//! The widget's own words (not the pack's content), in every locale Stepwise speaks.
//!
//! One `Messages` value per locale; a locale without its own falls back to English. Every
//! field is a plain string or a formatting function, so a missing translation is a compile
//! error, not a blank on the page.

use crate::policy::DaysHoursMinutes;

pub struct Messages {
    pub lang: &'static str,
    pub language_label: &'static str,
    pub language_name: &'static str,
    pub all_help: &'static str,
    pub search_label: &'static str,
    pub search_placeholder: &'static str,
    pub no_results: fn(&str) -> String,
    pub results: fn(usize) -> String,
    /// After the count, when only the best `n` results are shown.
    pub results_capped: fn(usize) -> String,
    /// The button that shows more topics of a long list (`n` not shown yet).
    pub more_topics: fn(usize) -> String,
    pub step_of: fn(usize, usize) -> String,
    pub steps_count: fn(usize) -> String,
    pub back: &'static str,
    pub next: &'static str,
    pub finish: &'static str,
    pub done_title: &'static str,
    pub done_text: fn(&str) -> String,
    pub related: &'static str,
    pub start_again: &'static str,
    pub enlarge: fn(&str) -> String,
    pub close: &'static str,
    pub zoom_in: &'static str,
    pub zoom_out: &'static str,
    pub panel_title: &'static str,
    pub offline_title: &'static str,
    pub save_all: &'static str,
    /// Saved, failed, not kept (storage full), of total.
    pub save_progress: fn(usize, usize, usize, usize) -> String,
    pub update_available: &'static str,
    pub reload: &'static str,
    pub screenshot_unavailable: &'static str,
    /// A screenshot's description: its alt text, then the labels of its highlighted regions.
    pub highlighted: fn(&str, &[&str]) -> String,
    /// The switch from a screenshot's crop to the whole picture, on a small screen.
    pub whole_screenshot: &'static str,
    /// When the pack's screenshots were captured.
    pub screens_as_of: fn(crate::civil::Date) -> String,
    /// A callout's kind in words, shown before its title: note, tip, warning, danger.
    pub callout_kinds: [&'static str; 4],
    pub not_found: &'static str,
    pub loading: &'static str,
    pub load_failed: &'static str,
    pub load_unreachable: &'static str,
    pub load_missing: &'static str,
    pub load_version: &'static str,
    pub load_damaged: &'static str,
    pub retry: &'static str,
    pub progress_label: &'static str,
    pub keyboard_hint: &'static str,
    pub checker_title: &'static str,
    pub checker_link: &'static str,
    pub checker_intro: fn(u32) -> String,
    pub provisioned_label: &'static str,
    pub provisioned_hint: &'static str,
    pub zone_legend: &'static str,
    pub zone_platform: fn(&str) -> String,
    pub zone_local: fn(&str) -> String,
    pub check: &'static str,
    pub eligible: &'static str,
    pub not_eligible: &'static str,
    pub not_eligible_text: &'static str,
    pub deadline_platform: &'static str,
    pub deadline_local: &'static str,
    pub time_left: &'static str,
    pub remaining: fn(DaysHoursMinutes) -> String,
    pub error_empty: &'static str,
    pub error_malformed: &'static str,
    pub error_no_such_time: &'static str,
    pub error_future: &'static str,
    pub policy_title: &'static str,
    pub how_to_start: &'static str,
    pub flow_title: &'static str,
    pub quota: fn(u32) -> String,
}

pub static ZH_CN: Messages = Messages {
    lang: "zh-CN",
    language_label: "语言",
    language_name: "中文",
    all_help: "全部帮助",
    search_label: "搜索帮助",
    search_placeholder: "例如：发票、退订、invoice",
    no_results: |q| format!("没有找到与“{q}”相关的内容。换个词试试，例如“订单”。"),
    results: |n| format!("找到 {n} 项"),
    results_capped: |n| format!("，显示最相关的 {n} 项。输入更多字词可缩小范围。"),
    more_topics: |n| format!("显示更多主题（还有 {n} 个）"),
    step_of: |n, total| format!("第 {n} 步，共 {total} 步"),
    steps_count: |n| format!("{n} 步"),
    back: "上一步",
    next: "下一步",
    finish: "完成",
    done_title: "已完成",
    done_text: |t| format!("“{t}”的全部步骤已完成。"),
    related: "相关操作",
    start_again: "从第 1 步重新开始",
    enlarge: |alt| format!("放大截图：{alt}"),
    close: "关闭",
    zoom_in: "放大",
    zoom_out: "缩小",
    panel_title: "帮助",
    offline_title: "离线使用",
    save_all: "保存全部截图以便离线使用",
    save_progress: |done, failed, full, total| {
        let failed = if failed > 0 { format!("，{failed} 张失败") } else { String::new() };
        let full = if full > 0 { format!("，{full} 张因浏览器给本页的存储空间已满未保存") } else { String::new() };
        format!("已保存 {done}/{total} 张截图{failed}{full}")
    },
    update_available: "有新版本可用。",
    reload: "重新加载",
    screenshot_unavailable: "截图暂时无法显示",
    highlighted: |alt, labels| format!("{alt}；标出：{}", labels.join("、")),
    whole_screenshot: "显示整张截图",
    screens_as_of: |d| format!("截图日期：{}年{}月{}日", d.year, d.month, d.day),
    callout_kinds: ["说明", "提示", "注意", "警告"],
    not_found: "没有找到这个帮助页面，下面是全部帮助。",
    loading: "正在加载帮助内容…",
    load_failed: "帮助内容加载失败",
    load_unreachable: "无法连接到服务器。请检查网络连接后重试。",
    load_missing: "服务器上找不到帮助内容。请稍后重试；如果问题仍然存在，请联系商家。",
    load_version: "帮助内容与本页面的版本不一致。请刷新页面后重试。",
    load_damaged: "帮助内容下载不完整或已损坏。请重试。",
    retry: "重试",
    progress_label: "进度",
    keyboard_hint: "提示：可用键盘 ← → 切换步骤，Esc 返回列表。",
    checker_title: "退款期限查询",
    checker_link: "我还能退款吗？",
    checker_intro: |days| format!("输入资源的开通时间，查看是否仍在 {days} 天全额退款期内。"),
    provisioned_label: "资源开通时间",
    provisioned_hint: "格式：2022-11-24 14:30:30（秒可省略）",
    zone_legend: "这个时间是",
    zone_platform: |o| format!("平台时间（{o}）"),
    zone_local: |z| if z.is_empty() { "我所在时区的时间".into() } else { format!("我所在时区的时间（{z}）") },
    check: "查询",
    eligible: "可以全额退款",
    not_eligible: "已超过全额退款期限",
    not_eligible_text: "超过期限后一般不予退款。如有特殊情况，请联系客服。",
    deadline_platform: "截止时间（平台时间）",
    deadline_local: "截止时间（你的时间）",
    time_left: "剩余时间",
    remaining: |r| {
        if r.days == 0 && r.hours == 0 && r.minutes == 0 {
            "不到 1 分钟".to_owned()
        } else {
            format!("{} 天 {} 小时 {} 分钟", r.days, r.hours, r.minutes)
        }
    },
    error_empty: "请输入资源开通时间。",
    error_malformed: "无法识别这个时间。请按“2022-11-24 14:30:30”的格式输入。",
    error_no_such_time: "这个日期或时间不存在（例如 2 月 30 日或 24 点），请检查。",
    error_future: "开通时间晚于现在。请检查输入的日期，以及所选的时区。",
    policy_title: "退款政策",
    how_to_start: "如何发起退款：",
    flow_title: "退款流程",
    quota: |n| format!("每个账号每个自然年最多可办理 {n} 次此类退订。"),
};

pub static EN: Messages = Messages {
    lang: "en",
    language_label: "Language",
    language_name: "English",
    all_help: "All help",
    search_label: "Search help",
    search_placeholder: "For example: invoice, refund, 发票",
    no_results: |q| format!("Nothing found for “{q}”. Try another word, such as “order”."),
    results: |n| if n == 1 { "1 result".to_owned() } else { format!("{n} results") },
    results_capped: |n| format!("; the best {n} are shown. Add words to narrow the search."),
    more_topics: |n| format!("Show more topics ({n} more)"),
    step_of: |n, total| format!("Step {n} of {total}"),
    steps_count: |n| if n == 1 { "1 step".to_owned() } else { format!("{n} steps") },
    back: "Back",
    next: "Next",
    finish: "Finish",
    done_title: "Done",
    done_text: |t| format!("You have finished every step of “{t}”."),
    related: "Related procedures",
    start_again: "Start again from step 1",
    enlarge: |alt| format!("Enlarge screenshot: {alt}"),
    close: "Close",
    zoom_in: "Zoom in",
    zoom_out: "Zoom out",
    panel_title: "Help",
    offline_title: "Offline use",
    save_all: "Save all screenshots for offline use",
    save_progress: |done, failed, full, total| {
        let failed = if failed > 0 { format!(", {failed} failed") } else { String::new() };
        let full = if full > 0 { format!(", {full} not kept: the storage the browser gives this page is full") } else { String::new() };
        format!("{done} of {total} screenshots saved{failed}{full}")
    },
    update_available: "A new version is available.",
    reload: "Reload",
    screenshot_unavailable: "Screenshot unavailable",
    highlighted: |alt, labels| format!("{alt}; highlighted: {}", labels.join(", ")),
    whole_screenshot: "Show the whole screenshot",
    screens_as_of: |d| {
        const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
        format!("Screens as of {} {} {}", d.day, MONTHS[usize::from(d.month.clamp(1, 12) - 1)], d.year)
    },
    callout_kinds: ["Note", "Tip", "Warning", "Danger"],
    not_found: "That help page does not exist. Here is all the help.",
    loading: "Loading the help…",
    load_failed: "The help could not be loaded",
    load_unreachable: "The server cannot be reached. Check your connection and try again.",
    load_missing: "The help is not on the server. Try again later; if it persists, contact the seller.",
    load_version: "The help and this page are of different versions. Reload the page and try again.",
    load_damaged: "The help arrived incomplete or damaged. Try again.",
    retry: "Try again",
    progress_label: "Progress",
    keyboard_hint: "Tip: use the ← → keys to change steps, Esc to go back to the list.",
    checker_title: "Refund window checker",
    checker_link: "Can I still get a refund?",
    checker_intro: |days| format!("Enter when your resource was provisioned to see whether you are still within the {days}-day full refund window."),
    provisioned_label: "Provisioned at",
    provisioned_hint: "Format: 2022-11-24 14:30:30 (seconds optional)",
    zone_legend: "This time is in",
    zone_platform: |o| format!("Platform time ({o})"),
    zone_local: |z| if z.is_empty() { "My time zone".into() } else { format!("My time zone ({z})") },
    check: "Check",
    eligible: "Eligible for a full refund",
    not_eligible: "The full refund window has closed",
    not_eligible_text: "After the window, refunds are generally not given. Contact support if your case is special.",
    deadline_platform: "Deadline (platform time)",
    deadline_local: "Deadline (your time)",
    time_left: "Time left",
    remaining: |r| {
        if r.days == 0 && r.hours == 0 && r.minutes == 0 {
            "less than a minute".to_owned()
        } else {
            let unit = |n: i64, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
            format!("{}, {}, {}", unit(r.days, "day", "days"), unit(r.hours, "hour", "hours"), unit(r.minutes, "minute", "minutes"))
        }
    },
    error_empty: "Please enter when the resource was provisioned.",
    error_malformed: "That time could not be read. Please use the form 2022-11-24 14:30:30.",
    error_no_such_time: "That date or time does not exist (such as 30 February or 24:00). Please check it.",
    error_future: "That time is later than now. Please check the date and the time zone you chose.",
    policy_title: "Refund policy",
    how_to_start: "How to start a refund:",
    flow_title: "Refund process",
    quota: |n| format!("Each account can make at most {n} such unsubscriptions per calendar year."),
};

/// The locales the widget's own words exist in.
pub const ALL: [&Messages; 2] = [&ZH_CN, &EN];

/// The messages for a locale tag (`zh-CN`, `zh`, `en-GB`…), English when we lack it.
pub fn messages(locale: &str) -> &'static Messages {
    let primary = locale.split(['-', '_']).next().unwrap_or("").to_ascii_lowercase();
    match primary.as_str() {
        "zh" => &ZH_CN,
        _ => &EN,
    }
}

/// The primary languages written right to left.
pub const RIGHT_TO_LEFT: &[&str] = &["ar", "he", "fa", "ur", "ps", "sd", "ug", "yi", "dv", "ckb"];

/// The writing direction of a locale's script (`dir` on the app's root, so a right-to-left
/// host page cannot flip the panel, and a right-to-left pack reads as it should).
pub fn direction(locale: &str) -> &'static str {
    let primary = locale.split(['-', '_']).next().unwrap_or("").to_ascii_lowercase();
    if RIGHT_TO_LEFT.contains(&primary.as_str()) { "rtl" } else { "ltr" }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_capture_date_reads_as_each_locale_writes_dates() {
        let d = crate::civil::Date::parse("2022-11-24").unwrap();
        assert_eq!((messages("zh-CN").screens_as_of)(d), "截图日期：2022年11月24日");
        assert_eq!((messages("en").screens_as_of)(d), "Screens as of 24 Nov 2022");
    }

    #[test]
    fn directions_follow_the_script() {
        assert_eq!(direction("zh-CN"), "ltr");
        assert_eq!(direction("en"), "ltr");
        assert_eq!(direction("ar-EG"), "rtl");
        assert_eq!(direction("HE"), "rtl");
        assert_eq!(direction(""), "ltr");
    }

    #[test]
    fn every_locale_is_found_and_says_the_step() {
        assert_eq!(messages("zh-CN").lang, "zh-CN");
        assert_eq!(messages("zh").lang, "zh-CN");
        assert_eq!(messages("en-GB").lang, "en");
        assert_eq!(messages("fr").lang, "en");
        assert_eq!((EN.step_of)(2, 4), "Step 2 of 4");
        assert_eq!((ZH_CN.step_of)(2, 4), "第 2 步，共 4 步");
    }

    #[test]
    fn remaining_time_reads_naturally() {
        let r = DaysHoursMinutes { days: 1, hours: 0, minutes: 5 };
        assert_eq!((EN.remaining)(r), "1 day, 0 hours, 5 minutes");
        assert_eq!((ZH_CN.remaining)(r), "1 天 0 小时 5 分钟");
        let zero = DaysHoursMinutes { days: 0, hours: 0, minutes: 0 };
        assert_eq!((EN.remaining)(zero), "less than a minute");
    }

    #[test]
    fn no_message_is_blank() {
        for m in ALL {
            for s in [m.all_help, m.search_label, m.back, m.next, m.finish, m.close, m.checker_title, m.eligible, m.not_eligible, m.error_empty, m.error_malformed, m.error_no_such_time, m.error_future] {
                assert!(!s.trim().is_empty(), "{}", m.lang);
            }
        }
    }
}
