#include <crv/frame/arrow_c_data.hpp>

#include <fmt/format.h>

#include <memory>
#include <vector>

namespace crv::frame {
namespace {

// ---- schema ----

struct SchemaPrivate {
  std::string format;
  std::string name;
  std::vector<std::unique_ptr<ArrowSchema>> children_storage;
  std::vector<ArrowSchema*> children;
};

void release_schema(ArrowSchema* schema) {
  if (schema == nullptr || schema->release == nullptr) return;
  auto* priv = static_cast<SchemaPrivate*>(schema->private_data);
  for (ArrowSchema* child : priv->children)
    if (child->release != nullptr) child->release(child);
  delete priv;
  schema->release = nullptr;
}

void fill_schema(const DataType& type, const std::string& name, bool nullable, ArrowSchema* out) {
  auto priv = std::make_unique<SchemaPrivate>();
  priv->format = type.arrow_format();
  priv->name = name;
  for (const Field& f : type.fields()) {
    auto child = std::make_unique<ArrowSchema>();
    child->release = nullptr;
    fill_schema(*f.type, f.name, f.nullable, child.get());
    priv->children.push_back(child.get());
    priv->children_storage.push_back(std::move(child));
  }
  out->format = priv->format.c_str();
  out->name = priv->name.c_str();
  out->metadata = nullptr;
  out->flags = nullable ? ARROW_FLAG_NULLABLE : 0;
  out->n_children = static_cast<int64_t>(priv->children.size());
  out->children = priv->children.empty() ? nullptr : priv->children.data();
  out->dictionary = nullptr;
  out->release = &release_schema;
  out->private_data = priv.release();
}

// ---- array ----

struct ArrayPrivate {
  std::shared_ptr<const ArrayData> data;  // keeps the buffers alive
  std::vector<const void*> buffers;
  std::vector<std::unique_ptr<ArrowArray>> children_storage;
  std::vector<ArrowArray*> children;
};

void release_array(ArrowArray* array) {
  if (array == nullptr || array->release == nullptr) return;
  auto* priv = static_cast<ArrayPrivate*>(array->private_data);
  for (ArrowArray* child : priv->children)
    if (child->release != nullptr) child->release(child);
  delete priv;
  array->release = nullptr;
}

const void* pointer_of(const std::shared_ptr<Buffer>& buffer) { return buffer ? buffer->data() : nullptr; }

void fill_array(const std::shared_ptr<const ArrayData>& data, ArrowArray* out) {
  auto priv = std::make_unique<ArrayPrivate>();
  priv->data = data;
  const ArrayData& d = *data;
  priv->buffers.push_back(d.null_count > 0 ? pointer_of(d.validity) : nullptr);
  switch (d.type->id()) {
    case TypeId::Struct: break;
    case TypeId::List: priv->buffers.push_back(pointer_of(d.values)); break;
    case TypeId::Binary:
    case TypeId::String:
      priv->buffers.push_back(pointer_of(d.values));
      priv->buffers.push_back(pointer_of(d.data));
      break;
    default: priv->buffers.push_back(pointer_of(d.values)); break;
  }
  for (const auto& child_data : d.children) {
    auto child = std::make_unique<ArrowArray>();
    child->release = nullptr;
    fill_array(child_data, child.get());
    priv->children.push_back(child.get());
    priv->children_storage.push_back(std::move(child));
  }
  out->length = d.length;
  out->null_count = d.null_count;
  out->offset = d.offset;
  out->n_buffers = static_cast<int64_t>(priv->buffers.size());
  out->n_children = static_cast<int64_t>(priv->children.size());
  out->buffers = priv->buffers.data();
  out->children = priv->children.empty() ? nullptr : priv->children.data();
  out->dictionary = nullptr;
  out->release = &release_array;
  out->private_data = priv.release();
}

}  // namespace

void export_type(const TypePtr& type, const std::string& name, bool nullable, ArrowSchema* out_schema) {
  if (!type || out_schema == nullptr) throw FrameError("export_type: no type or no output schema");
  fill_schema(*type, name, nullable, out_schema);
}

void export_column(const Column& column, const std::string& name, ArrowArray* out_array, ArrowSchema* out_schema) {
  if (!column || out_array == nullptr || out_schema == nullptr)
    throw FrameError("export_column: empty column or no output structs");
  fill_schema(*column.type(), name, true, out_schema);
  fill_array(column.data_ptr(), out_array);
}

void export_frame(const Frame& frame, ArrowArray* out_array, ArrowSchema* out_schema) {
  if (out_array == nullptr || out_schema == nullptr) throw FrameError("export_frame: no output structs");
  auto d = std::make_shared<ArrayData>();
  d->type = struct_(frame.schema());
  d->length = frame.num_rows();
  for (const Column& c : frame.columns()) d->children.push_back(c.data_ptr());
  fill_schema(*d->type, "", false, out_schema);
  fill_array(d, out_array);
}

}  // namespace crv::frame
