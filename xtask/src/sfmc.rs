//! Salesforce Marketing Cloud Engagement scopes.
