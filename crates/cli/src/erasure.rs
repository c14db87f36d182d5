//! What `strongroom request complete` shows of an erasure: what it deletes and what the law
//! keeps, as JSON and as lines.

use strongroom_app::ErasurePlan;

pub(crate) fn plan_json(plan: &ErasurePlan) -> serde_json::Value {
    serde_json::json!({
        "customer": plan.customer.to_string(),
        "sales_deleted": plan.sales_deleted,
        "sales_kept": plan.sales_kept,
        "sales_kept_until": plan.sales_kept_until.map(|day| day.to_string()),
        "tax_years": plan.tax.years,
        "tax_source": plan.tax.source,
        "jobs_deleted": plan.jobs_deleted,
        "jobs_open": plan.jobs_open,
        "aml_records_kept": plan.aml_kept,
        "aml_records_kept_until": plan.aml_kept_until.map(|day| day.to_string()),
        "aml_records_deleted": plan.aml_deleted,
    })
}

pub(crate) fn print_plan(plan: &ErasurePlan) {
    println!("customer {}", plan.customer);
    println!("sales deleted: {}", plan.sales_deleted);
    if let Some(until) = plan.sales_kept_until {
        println!("sales kept for tax ({} years): {} until {until}", plan.tax.years, plan.sales_kept);
    }
    println!("workshop jobs deleted: {} ({} not yet collected)", plan.jobs_deleted, plan.jobs_open);
    if let Some(until) = plan.aml_kept_until {
        println!("identity records kept (anti-money-laundering law): {} until {until}", plan.aml_kept);
    }
    println!("identity records past their five years, deleted: {}", plan.aml_deleted);
}
