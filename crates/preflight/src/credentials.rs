//! Per-vendor credential shapes: one data table, read by the credential rules.
//!
//! The published schema accepts any object as `credentials` (its first `anyOf` branch is
//! an empty object) and ties no shape to a vendor. The shapes below are the published
//! variants, matched to vendors by their titles and history (see the upstream digest §4).

use crate::json::{Object, Value};

/// What a credential key must hold.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum KeyKind {
    String,
    /// A string of ASCII letters, digits and underscores (`^\w+$` in JavaScript).
    Word,
    /// A non-empty string.
    NonEmpty,
    /// A non-empty absolute URI.
    Uri,
    Number,
    /// A nested object of the given shape.
    Object(&'static Shape),
    /// An object whose keys are all optional and each hold the given shape.
    ObjectOf(&'static [&'static str], &'static Shape),
}

impl KeyKind {
    pub fn expected(self) -> &'static str {
        match self {
            KeyKind::String | KeyKind::Word | KeyKind::NonEmpty | KeyKind::Uri => "string",
            KeyKind::Number => "number",
            KeyKind::Object(_) | KeyKind::ObjectOf(..) => "object",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Key {
    pub name: &'static str,
    pub kind: KeyKind,
}

const fn s(name: &'static str) -> Key {
    Key {
        name,
        kind: KeyKind::String,
    }
}

/// One credential object: its title in the published schema, and its keys.
#[derive(Debug, PartialEq)]
pub struct Shape {
    pub title: &'static str,
    pub required: &'static [Key],
    pub optional: &'static [Key],
}

impl Shape {
    pub fn key(&self, name: &str) -> Option<&Key> {
        self.required
            .iter()
            .chain(self.optional.iter())
            .find(|k| k.name == name)
    }

    pub fn keys(&self) -> impl Iterator<Item = &Key> {
        self.required.iter().chain(self.optional.iter())
    }
}

/// The credential shapes a vendor accepts (any one of them); empty when none is published.
#[derive(Debug)]
pub struct VendorCredentials {
    pub vendor: &'static str,
    pub shapes: &'static [&'static Shape],
}

impl VendorCredentials {
    pub fn is_published(&self) -> bool {
        !self.shapes.is_empty()
    }

    pub fn knows_key(&self, name: &str) -> bool {
        self.shapes.iter().any(|shape| shape.key(name).is_some())
    }

    /// Every key name the vendor's shapes know, first shape first, without repeats.
    pub fn key_names(&self) -> Vec<&'static str> {
        let mut names: Vec<&'static str> = Vec::new();
        for key in self.shapes.iter().flat_map(|shape| shape.keys()) {
            if !names.contains(&key.name) {
                names.push(key.name);
            }
        }
        names
    }
}

/// The table as data, for hosts that build credential forms:
/// `{"APPFOLIO": [{"title", "required": [{"name", "type"}…], "optional": […]}…]…}`;
/// an object key also has its `shape`, a map of objects its `keys` and `shape`.
pub fn credential_shapes() -> Value<'static> {
    let vendors = VENDOR_CREDENTIALS
        .iter()
        .map(|v| {
            let shapes = v.shapes.iter().map(|shape| shape_value(shape)).collect();
            (v.vendor.into(), Value::Array(shapes))
        })
        .collect::<Object<'static>>();
    Value::Object(vendors)
}

fn shape_value(shape: &'static Shape) -> Value<'static> {
    let keys = |keys: &'static [Key]| {
        Value::Array(
            keys.iter()
                .map(|key| {
                    let mut o = Object::new();
                    o.insert("name", Value::str(key.name));
                    o.insert("type", Value::str(key.kind.expected()));
                    match key.kind {
                        KeyKind::Object(inner) => {
                            o.insert("shape", shape_value(inner));
                        }
                        KeyKind::ObjectOf(names, inner) => {
                            let names = names.iter().map(|n| Value::str(*n)).collect();
                            o.insert("keys", Value::Array(names));
                            o.insert("shape", shape_value(inner));
                        }
                        _ => {}
                    }
                    Value::Object(o)
                })
                .collect(),
        )
    };
    let mut o = Object::new();
    o.insert("title", Value::str(shape.title));
    o.insert("required", keys(shape.required));
    o.insert("optional", keys(shape.optional));
    Value::Object(o)
}

static APPFOLIO: Shape = Shape {
    title: "AppFolio",
    required: &[s("clientId"), s("clientSecret"), s("developerId")],
    optional: &[],
};

static BUILDIUM: Shape = Shape {
    title: "Buildium",
    required: &[s("clientId"), s("secret")],
    optional: &[],
};

static ENTRATA: Shape = Shape {
    title: "Entrata",
    required: &[s("apiKey"), s("companyId")],
    optional: &[],
};

static MRI: Shape = Shape {
    title: "MRI",
    required: &[
        s("clientId"),
        s("databaseName"),
        s("partnerKey"),
        s("username"),
        s("password"),
        s("baseUrl"),
    ],
    optional: &[],
};

static PROPERTYWARE_SOAP: Shape = Shape {
    title: "Propertyware SOAP",
    required: &[s("username"), s("password")],
    optional: &[],
};

static PROPERTYWARE_REST: Shape = Shape {
    title: "Propertyware REST",
    required: &[s("clientId"), s("clientSecret"), s("systemId")],
    optional: &[],
};

static REALPAGE_FTP: Shape = Shape {
    title: "RealPage SFTP",
    required: &[
        s("SFTP_HOST"),
        Key {
            name: "SFTP_PORT",
            kind: KeyKind::Number,
        },
        s("SFTP_USERNAME"),
        s("SFTP_PASSWORD"),
        s("SFTP_DIR"),
    ],
    optional: &[],
};

static REALPAGE_REGISTERED_VENDOR: Shape = Shape {
    title: "RealpageRegisteredVendor",
    required: &[
        s("PMC_ID"),
        s("SITE_ID"),
        s("LICENSE_KEY"),
        s("ONESITE_USERNAME"),
    ],
    optional: &[
        s("ONESITE_PASSWORD"),
        s("BASE_URL"),
        Key {
            name: "ftp_credentials",
            kind: KeyKind::Object(&REALPAGE_FTP),
        },
    ],
};

static REALPAGE_METHOD: Shape = Shape {
    title: "RealPage method credentials",
    required: &[s("baseUrl"), s("licensekey")],
    optional: &[],
};

/// The per-method overrides of RealPage Partner Exchange, by interface.
pub const REALPAGE_METHODS: [&str; 36] = [
    // Prospect Management
    "insertfollowup",
    "insertprospect",
    "insertactivity",
    "getscheduledappointments",
    "prospectsearch",
    "getactivitytypes",
    "getpicklistprospect",
    "getmarketingsourcesbyproperty",
    "getleasingagentsbyproperty",
    "getunitsbyproperty",
    "updateprospect",
    "getagentsappointmenttimes",
    // Collections
    "addresidentactivitylog",
    "getresidentactivitytypes",
    // Transactions
    "postsinglecharge",
    "getresidentledger",
    "transactioncodes",
    // Facilities
    "addservicerequest",
    "getservicerequest",
    "getserviceissuelist",
    "getlocationlist",
    "getwoprioritylist",
    "updateservicerequest",
    // Pricing and Availability
    "getfloorplanlist",
    "getunitlist",
    // Convergent Billing
    "getleaseinfo",
    "getresidentconvergent",
    "getunits",
    // AppPartner
    "getsubscriptions",
    "getsitelist",
    "updatesitesubscriptionstatus",
    // Survey Interfaces
    "getprospectsurveylist",
    "getworkordersurveylist",
    // Resident Management
    "getresidentlistinfo",
    "getresidentsactivitylogbydaterange",
    // Units
    "unitlist",
];

static REALPAGE_PARTNER_EXCHANGE: Shape = Shape {
    title: "RealpagePartnerExchange",
    required: &[
        Key {
            name: "baseUrl",
            kind: KeyKind::Uri,
        },
        Key {
            name: "licensekey",
            kind: KeyKind::NonEmpty,
        },
    ],
    optional: &[
        s("pmcId"),
        s("siteId"),
        Key {
            name: "method_specific",
            kind: KeyKind::ObjectOf(&REALPAGE_METHODS, &REALPAGE_METHOD),
        },
    ],
};

static RENTMANAGER_PRODUCTION: Shape = Shape {
    title: "RentManagerProduction",
    required: &[s("PartnerToken"), s("companyId")],
    optional: &[],
};

static RENTMANAGER_SANDBOX: Shape = Shape {
    title: "RentManagerSandbox",
    required: &[s("Username"), s("Password"), s("companyId")],
    optional: &[],
};

static RENTVINE: Shape = Shape {
    title: "Rentvine",
    required: &[s("apiKey"), s("apiSecret"), s("companyId")],
    optional: &[s("portfolioId")],
};

static RESMAN: Shape = Shape {
    title: "Resman",
    required: &[s("integrationPartnerId"), s("accountId"), s("apiKey")],
    optional: &[],
};

const WORD: KeyKind = KeyKind::Word;

static YARDI_INTERFACE: Shape = Shape {
    title: "Yardi interface credentials",
    required: &[s("entity"), s("license")],
    optional: &[
        s("username"),
        s("password"),
        s("database"),
        s("serverName"),
        s("platform"),
        Key {
            name: "companyId",
            kind: WORD,
        },
        s("baseUrl"),
    ],
};

const fn yardi_interface(name: &'static str) -> Key {
    Key {
        name,
        kind: KeyKind::Object(&YARDI_INTERFACE),
    }
}

static YARDI: Shape = Shape {
    title: "Yardi",
    required: &[
        s("username"),
        s("password"),
        s("database"),
        s("serverName"),
        s("platform"),
        s("entity"),
        s("license"),
        Key {
            name: "companyId",
            kind: WORD,
        },
    ],
    optional: &[
        s("baseUrl"),
        yardi_interface("common_data"),
        yardi_interface("vendor_invoicing"),
        yardi_interface("job_cost"),
        yardi_interface("guest_card"),
        yardi_interface("resident_transactions"),
        yardi_interface("service_requests"),
    ],
};

/// Vendor → accepted shapes. RENTMANAGER accepts either of two; YARDI_REST has none
/// published, so its credentials are only warned about.
pub static VENDOR_CREDENTIALS: [VendorCredentials; 13] = [
    VendorCredentials {
        vendor: "APPFOLIO",
        shapes: &[&APPFOLIO],
    },
    VendorCredentials {
        vendor: "BUILDIUM",
        shapes: &[&BUILDIUM],
    },
    VendorCredentials {
        vendor: "ENTRATA",
        shapes: &[&ENTRATA],
    },
    VendorCredentials {
        vendor: "MRI",
        shapes: &[&MRI],
    },
    VendorCredentials {
        vendor: "PROPERTYWARE",
        shapes: &[&PROPERTYWARE_SOAP],
    },
    VendorCredentials {
        vendor: "PROPERTYWARE_REST",
        shapes: &[&PROPERTYWARE_REST],
    },
    VendorCredentials {
        vendor: "REALPAGE",
        shapes: &[&REALPAGE_REGISTERED_VENDOR],
    },
    VendorCredentials {
        vendor: "REALPAGE_RPX",
        shapes: &[&REALPAGE_PARTNER_EXCHANGE],
    },
    VendorCredentials {
        vendor: "RENTMANAGER",
        shapes: &[&RENTMANAGER_PRODUCTION, &RENTMANAGER_SANDBOX],
    },
    VendorCredentials {
        vendor: "RENTVINE",
        shapes: &[&RENTVINE],
    },
    VendorCredentials {
        vendor: "RESMAN",
        shapes: &[&RESMAN],
    },
    VendorCredentials {
        vendor: "YARDI",
        shapes: &[&YARDI],
    },
    VendorCredentials {
        vendor: "YARDI_REST",
        shapes: &[],
    },
];

pub fn for_vendor(vendor: &str) -> Option<&'static VendorCredentials> {
    VENDOR_CREDENTIALS.iter().find(|v| v.vendor == vendor)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::VENDORS;

    #[test]
    fn every_vendor_has_an_entry_in_enum_order() {
        let vendors: Vec<_> = VENDOR_CREDENTIALS.iter().map(|v| v.vendor).collect();
        assert_eq!(vendors, VENDORS);
    }

    #[test]
    fn no_shape_repeats_a_key() {
        for vendor in &VENDOR_CREDENTIALS {
            for shape in vendor.shapes {
                let names: Vec<_> = shape.keys().map(|k| k.name).collect();
                let mut unique = names.clone();
                unique.sort_unstable();
                unique.dedup();
                assert_eq!(names.len(), unique.len(), "{}", shape.title);
            }
        }
    }
}
