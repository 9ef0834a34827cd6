use scopewise::sfmc::Token;

// A typo in a token suggests the closest tokens.
const TYPO: &Token = scopewise::scope!(sfmc: "email_reed");

// A group and a level it does not have: the error says which levels it has.
const NO_SUCH_LEVEL: &Token = scopewise::scope!(sfmc: "ott_chat_messaging_write");

// The page's display name is not the OAuth token; the error says what is.
const DISPLAY_NAME: &Token = scopewise::scope!(sfmc: "Organizations Read");

// Tokens are compared exactly, as OAuth compares them.
const CASE: &Token = scopewise::scope!(sfmc: "EMAIL_READ");

// SFMC has no endpoint table and no webhook events.
const ENDPOINT: &scopewise::Endpoint = scopewise::endpoint!(sfmc: GET "/email/v1/messages");

fn main() {}
