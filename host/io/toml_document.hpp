// Reading a TOML document from text or a file, with errors in the project's shape
// ("file:line:col: invalid TOML: ..." and "cannot read <what> file 'x': reason").
#pragma once

#include <toml++/toml.h>

#include <string>
#include <string_view>

namespace spikewafer::toml_values {

toml::table parse_document(std::string_view text, const std::string& source);
// `what` names the kind of file for the message ("network", "scan").
toml::table load_document(const std::string& path, const std::string& what);

}  // namespace spikewafer::toml_values
