import axios from "axios";

const api = axios.create({ headers: { Version: "2021-07-28" } });

export async function syncContact(contactId: string) {
  const contact = await api.get(`https://services.leadconnectorhq.com/contacts/${contactId}`);
  const notes = await api.get(`https://services.leadconnectorhq.com/contacts/${contactId}/notes`);
  return { contact: contact.data, notes: notes.data };
}

export async function tagContact(contactId: string, tags: string[]) {
  return api.post(`https://services.leadconnectorhq.com/contacts/${contactId}/tags`, { tags });
}
