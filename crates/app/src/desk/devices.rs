//! The shop's devices (issue 16): each kept in `desk_items` as one JSON value sealed under the
//! staff-secrets key and bound to its id (a copied database does not say which machine lacks
//! updates), listed with its flags (`domain::device_flags`, judged by the tables in force on the
//! shop's day), added, changed (only as it was read), removed, or imported from a CSV file as a
//! whole or not at all. Every change is recorded (`device.update`); the owner changes them, the
//! owner and the external auditor read them.

use serde::{Deserialize, Serialize};
use strongroom_domain::{Actor, Answer, AuditAction, Device, DeviceFlag, DeviceKind, DomainError, Outcome, Permission, Software};
use strongroom_store::DeskItemRow;
use time::Date;
use uuid::Uuid;

use super::device_csv::MAX_DEVICES;
use crate::trail::draft::EventDraft;
use crate::{AppError, Vault, now_micros};

const KIND: &str = "device";

/// A device with its id, its flags on the day asked about, and when it was last saved (what a
/// change must name, so two people's changes do not overwrite each other unseen).
#[derive(Clone, Debug)]
pub struct DeviceEntry {
    pub id: Uuid,
    pub device: Device,
    pub flags: Vec<DeviceFlag>,
    pub updated_at: i64,
}

/// Every device, and the tables they were judged by.
#[derive(Clone, Debug)]
pub struct DeviceList {
    pub devices: Vec<DeviceEntry>,
    pub eol_checked: Date,
    pub kev_version: String,
    pub eol_built_in: bool,
    pub kev_built_in: bool,
    /// What went wrong reading a refreshed table, if anything did.
    pub notes: Vec<String>,
}

#[derive(Serialize, Deserialize)]
struct SoftwareDoc {
    name: String,
    version: String,
}

/// A device as it is sealed.
#[derive(Serialize, Deserialize)]
struct DeviceDoc {
    name: String,
    kind: String,
    owner: String,
    os: Option<SoftwareDoc>,
    disk_encryption: String,
    antivirus: String,
    firewall: String,
    automatic_updates: String,
    last_update: Option<String>,
    customer_data: bool,
    programs: Vec<SoftwareDoc>,
}

fn to_doc(device: &Device) -> DeviceDoc {
    let software = |software: &Software| SoftwareDoc { name: software.name.clone(), version: software.version.clone() };
    DeviceDoc {
        name: device.name.clone(),
        kind: device.kind.as_str().to_owned(),
        owner: device.owner.clone(),
        os: device.os.as_ref().map(software),
        disk_encryption: device.disk_encryption.as_str().to_owned(),
        antivirus: device.antivirus.as_str().to_owned(),
        firewall: device.firewall.as_str().to_owned(),
        automatic_updates: device.automatic_updates.as_str().to_owned(),
        last_update: device.last_update.map(|day| day.to_string()),
        customer_data: device.customer_data,
        programs: device.programs.iter().map(software).collect(),
    }
}

fn from_doc(doc: DeviceDoc) -> Result<Device, DomainError> {
    Ok(Device {
        name: doc.name,
        kind: DeviceKind::parse("kind", &doc.kind)?,
        owner: doc.owner,
        os: doc.os.map(|os| Software { name: os.name, version: os.version }),
        disk_encryption: Answer::parse("disk_encryption", &doc.disk_encryption)?,
        antivirus: Answer::parse("antivirus", &doc.antivirus)?,
        firewall: Answer::parse("firewall", &doc.firewall)?,
        automatic_updates: Answer::parse("automatic_updates", &doc.automatic_updates)?,
        last_update: doc.last_update.map(|day| strongroom_domain::parse_date("last_update", &day)).transpose()?,
        customer_data: doc.customer_data,
        programs: doc.programs.into_iter().map(|program| Software { name: program.name, version: program.version }).collect(),
    })
}

fn utc_today() -> Date {
    time::OffsetDateTime::now_utc().date()
}

fn sealed_name(id: Uuid) -> String {
    format!("desk_items/{KIND}/{id}")
}

impl Vault {
    fn seal_device(&self, id: Uuid, device: &Device) -> Result<Vec<u8>, AppError> {
        let json = serde_json::to_vec(&to_doc(device)).map_err(|error| AppError::corrupt(error.to_string()))?;
        self.seal_host_secret(&sealed_name(id), &json)
    }

    fn open_device(&self, row: &DeskItemRow) -> Result<Device, AppError> {
        let json = self.open_host_secret(&sealed_name(row.id), &row.body)?;
        let doc: DeviceDoc =
            serde_json::from_slice(&json).map_err(|error| AppError::corrupt(format!("a device does not read: {error}")))?;
        from_doc(doc).map_err(|error| AppError::corrupt(format!("a device does not read: {error}")))
    }

    /// Every device with its flags on `today` (the shop's day).
    pub fn devices(&self, actor: &Actor, today: Date) -> Result<DeviceList, AppError> {
        self.require(actor, Permission::DeskRead, AuditAction::DeskRead, None)?;
        let tables = self.desk_tables()?;
        let mut tx = self.store.begin()?;
        let rows = tx.desk_items(KIND)?;
        tx.commit()?;
        let devices = rows
            .iter()
            .map(|row| {
                let device = self.open_device(row)?;
                let flags = strongroom_domain::device_flags(&device, &tables.eol, &tables.kev, today);
                Ok(DeviceEntry { id: row.id, device, flags, updated_at: row.updated_at })
            })
            .collect::<Result<Vec<_>, AppError>>()?;
        Ok(DeviceList {
            devices,
            eol_checked: tables.eol.checked,
            kev_version: tables.kev.version.clone(),
            eol_built_in: tables.eol_built_in,
            kev_built_in: tables.kev_built_in,
            notes: tables.notes.clone(),
        })
    }

    /// Adds a device, checked; its id.
    pub fn add_device(&self, actor: &Actor, device: Device) -> Result<Uuid, AppError> {
        self.require(actor, Permission::SettingsManage, AuditAction::DeviceUpdate, None)?;
        let device = device.checked_on(utc_today())?;
        let ids = self.insert_devices(actor, &[device], "added a device")?;
        Ok(ids[0])
    }

    /// Replaces a device with `device`, if it is still as it was read (`read_at`).
    pub fn update_device(&self, actor: &Actor, id: Uuid, device: Device, read_at: i64) -> Result<(), AppError> {
        self.require(actor, Permission::SettingsManage, AuditAction::DeviceUpdate, None)?;
        let device = device.checked_on(utc_today())?;
        let row = DeskItemRow { kind: KIND.into(), id, body: self.seal_device(id, &device)?, updated_at: now_micros().max(read_at + 1) };
        let mut tx = self.store.begin()?;
        if tx.desk_item(KIND, id)?.is_none() {
            return Err(AppError::NotFound("device"));
        }
        if !tx.put_desk_item(&row, Some(read_at))? {
            return Err(AppError::Conflict("someone changed this device meanwhile; look at it again".into()));
        }
        self.record(tx.as_mut(), &[EventDraft::new(actor, AuditAction::DeviceUpdate).detail("changed a device").finish(Outcome::Allowed)])?;
        tx.commit()?;
        Ok(())
    }

    /// Removes a device as it was read (`read_at`, see `delete_item_as_read`); recorded.
    pub fn delete_device(&self, actor: &Actor, id: Uuid, read_at: Option<i64>) -> Result<(), AppError> {
        self.require(actor, Permission::SettingsManage, AuditAction::DeviceUpdate, None)?;
        let mut tx = self.store.begin()?;
        self.delete_item_as_read(tx.as_mut(), KIND, id, read_at, "device")?;
        self.record(tx.as_mut(), &[EventDraft::new(actor, AuditAction::DeviceUpdate).detail("removed a device").finish(Outcome::Allowed)])?;
        tx.commit()?;
        Ok(())
    }

    /// Imports devices from a CSV file (`csv.rs` reads it): every row or none. A row that
    /// cannot be taken is named by its line, column and reason.
    pub fn import_devices(&self, actor: &Actor, bytes: &[u8]) -> Result<Vec<Uuid>, AppError> {
        self.require(actor, Permission::SettingsManage, AuditAction::DeviceUpdate, None)?;
        let devices =
            super::device_csv::read(bytes, utc_today()).map_err(|problems| AppError::RowsRejected { what: "device list", problems })?;
        let count = devices.len();
        self.insert_devices(actor, &devices, &format!("imported {count} devices"))
    }

    /// Inserts checked devices in one transaction with one event; refused beyond [`MAX_DEVICES`].
    fn insert_devices(&self, actor: &Actor, devices: &[Device], detail: &str) -> Result<Vec<Uuid>, AppError> {
        let mut tx = self.store.begin()?;
        // Two imports at once are one after the other, so together they cannot pass the limit.
        tx.lock_desk_items()?;
        if tx.desk_items(KIND)?.len() + devices.len() > MAX_DEVICES {
            return Err(AppError::Conflict(format!("at most {MAX_DEVICES} devices are kept")));
        }
        let now = now_micros();
        let mut ids = Vec::with_capacity(devices.len());
        for device in devices {
            let id = Uuid::now_v7();
            let row = DeskItemRow { kind: KIND.into(), id, body: self.seal_device(id, device)?, updated_at: now };
            if !tx.put_desk_item(&row, None)? {
                return Err(AppError::corrupt("a new device's id was taken"));
            }
            ids.push(id);
        }
        self.record(tx.as_mut(), &[EventDraft::new(actor, AuditAction::DeviceUpdate).detail(detail).finish(Outcome::Allowed)])?;
        tx.commit()?;
        Ok(ids)
    }
}
