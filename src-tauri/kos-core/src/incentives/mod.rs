//! Incentive campaigns (I-1 单篇爆文奖, I-2 累计排名奖, I-3 荣誉奖). `engine` computes a board from plain
//! values; the campaign services feed it notes from the database.

pub mod engine;
