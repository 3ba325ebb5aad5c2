//! Comparison of two segments of the cases (issue 15): before and after a change, one channel
//! against another. Built so far: [`significance`], the tests that tell a change from noise;
//! [`kpis`], every overview KPI side by side with its test; [`change_point`], the week the
//! weekly KPIs most likely shifted; and [`split`], where
//! the time per case went.

pub mod change_point;
pub mod kpis;
pub mod significance;
pub mod split;
