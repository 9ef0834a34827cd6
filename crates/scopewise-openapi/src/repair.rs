//! Parts of a spec the typed model rejects: left out and reported, or located.

use openapiv3::{
    Example, Header, OpenAPI, Operation, Parameter, PathItem, ReferenceOr, RequestBody, Response,
    Schema, SecurityRequirement, SecurityScheme, Tag,
};
use serde::Deserialize;

use crate::{Diagnostic, escape};

/// Each parameter (of a path item or an operation) and each response header that `openapiv3`
/// does not accept is removed from `value` and reported: one invalid query parameter or
/// response header must not hide the operation's security. Only those two kinds of parts are
/// visited, and each is checked by the typed model.
pub(crate) fn drop_invalid_parts(value: &mut serde_json::Value, out: &mut Vec<Diagnostic>) {
    let Some(paths) = value.get_mut("paths").and_then(|p| p.as_object_mut()) else {
        return;
    };
    for (path, item) in paths.iter_mut() {
        let Some(item) = item.as_object_mut() else {
            continue;
        };
        for (key, node) in item.iter_mut() {
            if key == "parameters" {
                let pointer = format!("/paths/{}/parameters", escape(path));
                retain_valid::<Parameter>(node, &pointer, "parameter left out", out);
                continue;
            }
            let pointer = format!("/paths/{}/{}", escape(path), escape(key));
            if let Some(list) = node.get_mut("parameters") {
                let pointer = format!("{pointer}/parameters");
                retain_valid::<Parameter>(list, &pointer, "parameter left out", out);
            }
            let Some(responses) = node.get_mut("responses").and_then(|r| r.as_object_mut()) else {
                continue;
            };
            for (status, response) in responses.iter_mut() {
                if let Some(headers) = response.get_mut("headers") {
                    let pointer = format!("{pointer}/responses/{}/headers", escape(status));
                    retain_valid::<Header>(headers, &pointer, "response header left out", out);
                }
            }
        }
    }
}

/// Keeps the elements of the array or object `node` that deserialize as `ReferenceOr<T>`;
/// reports each other one at `pointer/<index or key>`.
fn retain_valid<T: serde::de::DeserializeOwned>(
    node: &mut serde_json::Value,
    pointer: &str,
    action: &'static str,
    out: &mut Vec<Diagnostic>,
) {
    let mut check = |at: String, v: &serde_json::Value| match ReferenceOr::<T>::deserialize(v) {
        Ok(_) => true,
        Err(e) => {
            out.push(Diagnostic {
                pointer: format!("{pointer}/{at}"),
                message: e.to_string(),
                action,
            });
            false
        }
    };
    match node {
        serde_json::Value::Array(list) => {
            let mut i = 0;
            list.retain(|v| {
                i += 1;
                check((i - 1).to_string(), v)
            });
        }
        serde_json::Value::Object(map) => map.retain(|k, v| check(escape(k), v)),
        _ => {}
    }
}

/// The second pass, run only when the first left the document still unreadable: request
/// bodies, responses and component schemas carry no security, so one the typed model rejects
/// (an OpenAPI 3.1 `type: [string, "null"]`, a numeric `exclusiveMinimum`) is left out and
/// reported rather than hiding every operation.
pub(crate) fn drop_invalid_bodies(value: &mut serde_json::Value, out: &mut Vec<Diagnostic>) {
    if let Some(paths) = value.get_mut("paths").and_then(|p| p.as_object_mut()) {
        for (path, item) in paths.iter_mut() {
            let Some(item) = item.as_object_mut() else {
                continue;
            };
            for (key, node) in item.iter_mut() {
                let Some(op) = node.as_object_mut() else {
                    continue;
                };
                let pointer = format!("/paths/{}/{}", escape(path), escape(key));
                if let Some(body) = op.get("requestBody")
                    && let Err(e) = ReferenceOr::<RequestBody>::deserialize(body)
                {
                    out.push(Diagnostic {
                        pointer: format!("{pointer}/requestBody"),
                        message: e.to_string(),
                        action: "request body left out",
                    });
                    op.remove("requestBody");
                }
                if let Some(responses) = op.get_mut("responses") {
                    let pointer = format!("{pointer}/responses");
                    retain_valid::<Response>(responses, &pointer, "response left out", out);
                }
            }
        }
    }
    let components = value.get_mut("components");
    if let Some(schemas) = components.and_then(|c| c.get_mut("schemas")) {
        retain_valid::<Schema>(schemas, "/components/schemas", "schema left out", out);
    }
}

/// The innermost part of `value` the typed model rejects, as `(JSON pointer, why)`: the
/// document's top-level parts, each path item and operation, and each component are tried on
/// their own, so an error names the part rather than the document.
pub(crate) fn locate(value: &serde_json::Value) -> Option<(String, String)> {
    fn check<T: serde::de::DeserializeOwned>(
        v: &serde_json::Value,
        pointer: String,
    ) -> Option<(String, String)> {
        T::deserialize(v).err().map(|e| (pointer, e.to_string()))
    }
    fn each(v: Option<&serde_json::Value>) -> Vec<(String, &serde_json::Value)> {
        match v {
            Some(serde_json::Value::Object(m)) => m.iter().map(|(k, v)| (escape(k), v)).collect(),
            Some(serde_json::Value::Array(l)) => l
                .iter()
                .enumerate()
                .map(|(i, v)| (i.to_string(), v))
                .collect(),
            _ => Vec::new(),
        }
    }
    if let Some(info) = value.get("info")
        && let Some(found) = check::<openapiv3::Info>(info, "/info".into())
    {
        return Some(found);
    }
    for (i, s) in each(value.get("servers")) {
        if let Some(found) = check::<openapiv3::Server>(s, format!("/servers/{i}")) {
            return Some(found);
        }
    }
    for (i, r) in each(value.get("security")) {
        if let Some(found) = check::<SecurityRequirement>(r, format!("/security/{i}")) {
            return Some(found);
        }
    }
    for (i, t) in each(value.get("tags")) {
        if let Some(found) = check::<Tag>(t, format!("/tags/{i}")) {
            return Some(found);
        }
    }
    for (path, item) in each(value.get("paths")) {
        let at = format!("/paths/{path}");
        for (key, node) in each(Some(item)) {
            let at = format!("{at}/{key}");
            let found = match key.as_str() {
                "parameters" => each(Some(node))
                    .into_iter()
                    .find_map(|(i, p)| check::<ReferenceOr<Parameter>>(p, format!("{at}/{i}"))),
                "get" | "put" | "post" | "delete" | "options" | "head" | "patch" | "trace" => {
                    locate_operation(node, &at)
                }
                _ => None,
            };
            if found.is_some() {
                return found;
            }
        }
        if let Some(found) = check::<ReferenceOr<PathItem>>(item, at) {
            return Some(found);
        }
    }
    let components = value.get("components");
    for (kind, entries) in each(components) {
        for (name, v) in each(Some(entries)) {
            let at = format!("/components/{kind}/{name}");
            let found = match kind.as_str() {
                "securitySchemes" => check::<ReferenceOr<SecurityScheme>>(v, at),
                "parameters" => check::<ReferenceOr<Parameter>>(v, at),
                "schemas" => check::<ReferenceOr<Schema>>(v, at),
                "responses" => check::<ReferenceOr<Response>>(v, at),
                "requestBodies" => check::<ReferenceOr<RequestBody>>(v, at),
                "headers" => check::<ReferenceOr<Header>>(v, at),
                "examples" => check::<ReferenceOr<Example>>(v, at),
                _ => None,
            };
            if found.is_some() {
                return found;
            }
        }
    }
    if let Some(c) = components
        && let Some(found) = check::<openapiv3::Components>(c, "/components".into())
    {
        return Some(found);
    }
    check::<OpenAPI>(value, String::new())
}

/// The part of the operation at `at` the typed model rejects.
fn locate_operation(op: &serde_json::Value, at: &str) -> Option<(String, String)> {
    fn check<T: serde::de::DeserializeOwned>(
        v: &serde_json::Value,
        pointer: String,
    ) -> Option<(String, String)> {
        T::deserialize(v).err().map(|e| (pointer, e.to_string()))
    }
    if let Some(list) = op.get("security").and_then(|s| s.as_array()) {
        for (i, r) in list.iter().enumerate() {
            if let Some(found) = check::<SecurityRequirement>(r, format!("{at}/security/{i}")) {
                return Some(found);
            }
        }
    }
    if let Some(list) = op.get("parameters").and_then(|s| s.as_array()) {
        for (i, p) in list.iter().enumerate() {
            let pointer = format!("{at}/parameters/{i}");
            if let Some(found) = check::<ReferenceOr<Parameter>>(p, pointer) {
                return Some(found);
            }
        }
    }
    if let Some(body) = op.get("requestBody") {
        let pointer = format!("{at}/requestBody");
        if let Some(found) = check::<ReferenceOr<RequestBody>>(body, pointer) {
            return Some(found);
        }
    }
    if let Some(map) = op.get("responses").and_then(|s| s.as_object()) {
        for (code, r) in map {
            let pointer = format!("{at}/responses/{}", escape(code));
            if let Some(found) = check::<ReferenceOr<Response>>(r, pointer) {
                return Some(found);
            }
        }
    }
    check::<Operation>(op, at.to_owned())
}
